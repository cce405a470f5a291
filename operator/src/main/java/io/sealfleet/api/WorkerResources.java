package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The worker pod's resources; the scheduler counts CPUs as the pod was given them, not the host's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerResources {
    @Min(1)
    @JsonPropertyDescription("CPU cores of the worker: its pod's plus spec.windowPost.cores.")
    public Integer cpu;

    @Pattern(ApiGroup.QUANTITY_PATTERN)
    @JsonPropertyDescription("Memory of the worker, e.g. 256Gi: its pod's plus spec.windowPost.memory.")
    public String memory;

    @Pattern(ApiGroup.QUANTITY_PATTERN)
    @JsonPropertyDescription("Swap the worker expects, e.g. 64Gi. Needs a node with NodeSwap and LimitedSwap; the pod then runs Burstable "
            + "and the RAM+swap (VMEM) check counts only the swap Kubernetes gives it (docs/operator.md, Swap).")
    public String swap;

    @Min(0)
    @JsonPropertyDescription("Whole GPUs (nvidia.com/gpu) of the worker pod.")
    public Integer gpus;
}
