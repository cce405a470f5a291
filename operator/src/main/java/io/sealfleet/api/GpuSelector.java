package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/** Which GPU nodes a GPU worker may land on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuSelector {
    @JsonPropertyDescription("Acceptable products (label nvidia.com/gpu.product), e.g. NVIDIA-GeForce-RTX-3090.")
    public List<String> products;

    @Min(0)
    @JsonPropertyDescription("Minimum GPU memory in MiB (label nvidia.com/gpu.memory).")
    public Long minMemoryMiB;
}
