package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The group's members and their space, summed from the workers' reports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageGroupStatus {
    @JsonPropertyDescription("Worker storage paths in the group, as worker/pathId.")
    public List<String> members;

    @JsonPropertyDescription("Number of member paths.")
    public Integer pathCount;

    @JsonPropertyDescription("Total bytes of the member paths.")
    public Long capacityBytes;

    @JsonPropertyDescription("Bytes available on the member paths.")
    public Long availableBytes;

    @JsonPropertyDescription("Available space for people, e.g. 3.2 TiB.")
    public String available;

    @JsonPropertyDescription("Sectors held on the member paths.")
    public Integer sectors;

    @JsonPropertyDescription("The generation of the spec this status was computed from.")
    public Long observedGeneration;

    @JsonPropertyDescription("Kubernetes conditions: Ready.")
    public List<Condition> conditions = new ArrayList<>();
}
