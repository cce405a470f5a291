package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.sealfleet.table.FileType;
import java.util.List;

/** Which files of a sector a path holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoredSector {
    @Required
    @Pattern(ApiGroup.MINER_PATTERN)
    @JsonPropertyDescription("Miner actor ID.")
    public String miner;

    @Required
    @JsonPropertyDescription("Sector number.")
    public Long sector;

    @Required
    @JsonPropertyDescription("Files present: unsealed, sealed, cache, update, updateCache.")
    public List<FileType> files;
}
