package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A storage path of a worker, as a sectorstore.json describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.hostPath) != has(self.claimName)",
        message = "set exactly one of hostPath and claimName for each storage path")
@ValidationRule(value = "(has(self.canSeal) && self.canSeal) || (has(self.canStore) && self.canStore)",
        message = "a storage path must allow sealing (canSeal) or long-term storage (canStore), or both")
public class StoragePathSpec {
    @Required
    @Pattern(ApiGroup.NAME_PATTERN)
    // Bounded so the API server can price the worker's unique-ID rule (CEL cost grows with string length).
    @Size(max = 63)
    @JsonPropertyDescription("Path ID (at most 63 characters). Workers that mount the same shared volume use the same ID, so the scheduler "
            + "knows they reach the same data.")
    public String id;

    @JsonPropertyDescription("Directory on the node (hostPath volume).")
    public String hostPath;

    @JsonPropertyDescription("PersistentVolumeClaim to mount instead of a hostPath.")
    public String claimName;

    @JsonPropertyDescription("May hold sealing scratch data (unsealed, sealed, cache while sealing).")
    public Boolean canSeal;

    @JsonPropertyDescription("May hold finalized sectors (long-term storage).")
    public Boolean canStore;

    @Min(0)
    @JsonPropertyDescription("Allocation preference: paths are ranked by available bytes × weight. Default 10.")
    public Integer weight;

    @Pattern(ApiGroup.QUANTITY_PATTERN)
    @JsonPropertyDescription("Most bytes sealfleet may use on this path, e.g. 4Ti. Omitted: the whole volume.")
    public String maxStorage;

    @JsonPropertyDescription("StorageGroups this path belongs to.")
    public List<String> groups;

    @JsonPropertyDescription("Groups that sectors on this path may be fetched to. Overrides the allowTo of the path's "
            + "StorageGroups; omitted there too, sectors may go anywhere.")
    public List<String> allowTo;
}
