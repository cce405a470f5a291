package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A node-level cache directory: a hostPath shared by every worker pod on the node, or a PVC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.hostPath) && has(self.claimName))",
        message = "set at most one of hostPath and claimName for a cache")
public class CacheVolume {
    @JsonPropertyDescription("Directory on the node (hostPath volume, created when missing).")
    public String hostPath;

    @JsonPropertyDescription("PersistentVolumeClaim to mount instead of a hostPath; ReadWriteMany to share it between nodes.")
    public String claimName;
}
