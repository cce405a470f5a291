package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A storage path as the agent reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoragePathStatus {
    @JsonPropertyDescription("Path ID from spec.storage.")
    public String id;

    @JsonPropertyDescription("Size of the volume in bytes (capped by maxStorage).")
    public Long capacityBytes;

    @JsonPropertyDescription("Bytes free for new allocations, not counting space reserved by tasks already on the worker.")
    public Long availableBytes;

    @JsonPropertyDescription("Sectors whose files are on this path.")
    public List<StoredSector> sectors;
}
