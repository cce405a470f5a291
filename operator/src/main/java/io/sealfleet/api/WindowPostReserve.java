package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Capacity held back for a WindowPoSt process co-located with the worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WindowPostReserve {
    @Min(0)
    @JsonPropertyDescription("Cores kept free for WindowPoSt. A 16-core worker with 4 reserved schedules as a 12-core one.")
    public Integer cores;

    @Pattern(ApiGroup.QUANTITY_PATTERN)
    @JsonPropertyDescription("Memory kept free for WindowPoSt, e.g. 96Gi.")
    public String memory;
}
