package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Capacity of a worker, from its pod's grant and its node's labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerCapacity {
    @JsonPropertyDescription("CPU cores the pod was given.")
    public Integer cpu;

    @JsonPropertyDescription("Memory of the pod, e.g. 256Gi.")
    public String memory;

    @JsonPropertyDescription("Swap available to the pod, e.g. 64Gi.")
    public String swap;

    @JsonPropertyDescription("Memory in use by the pod outside sealing tasks (baseline), e.g. 2Gi.")
    public String memoryUsed;

    @JsonPropertyDescription("GPUs the pod was given.")
    public Integer gpus;

    @JsonPropertyDescription("GPU product from the node label nvidia.com/gpu.product.")
    public String gpuProduct;

    @JsonPropertyDescription("GPU memory in MiB from the node label nvidia.com/gpu.memory.")
    public Long gpuMemoryMiB;
}
