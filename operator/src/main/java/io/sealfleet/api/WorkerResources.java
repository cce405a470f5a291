package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The worker pod's resources; the scheduler counts CPUs as the pod was given them, not the host's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerResources {
    @Min(1)
    @JsonPropertyDescription("CPU cores of the worker pod (request and limit).")
    public Integer cpu;

    @Pattern(ApiGroup.QUANTITY_PATTERN)
    @JsonPropertyDescription("Memory of the worker pod, e.g. 256Gi.")
    public String memory;

    @Pattern(ApiGroup.QUANTITY_PATTERN)
    @JsonPropertyDescription("Swap available to the worker, e.g. 64Gi. Counts towards the RAM+swap (VMEM) check.")
    public String swap;

    @Min(0)
    @JsonPropertyDescription("Whole GPUs (nvidia.com/gpu) of the worker pod.")
    public Integer gpus;
}
