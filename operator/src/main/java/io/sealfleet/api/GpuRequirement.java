package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/** A GPU a task needs: one of the products, with at least this much memory. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuRequirement {
    @JsonPropertyDescription("Acceptable GPU products as NVIDIA GPU Feature Discovery names them "
            + "(nvidia.com/gpu.product, e.g. NVIDIA-A100-SXM4-80GB). Empty accepts any GPU.")
    public List<String> products;

    @Min(0)
    @JsonPropertyDescription("Minimum GPU memory in MiB (nvidia.com/gpu.memory).")
    public Long minMemoryMiB;
}
