package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Group membership is declared on the workers' storage paths (spec.storage[].groups). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageGroupSpec {
    @JsonPropertyDescription("Groups that sectors on this group's paths may be fetched to (sectorstore.json AllowTo). "
            + "Omitted: anywhere. A path's own allowTo wins over this.")
    public List<String> allowTo;

    @JsonPropertyDescription("What the group is for, for people.")
    public String description;
}
