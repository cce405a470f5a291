package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One node-level cache as the agent sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CacheStatus {
    @JsonPropertyDescription("parentCache or parameterCache.")
    public String name;

    @JsonPropertyDescription("The directory in the pod (FIL_PROOFS_PARENT_CACHE or FIL_PROOFS_PARAMETER_CACHE).")
    public String path;

    @JsonPropertyDescription("Bytes free on the cache's volume.")
    public Long availableBytes;

    @JsonPropertyDescription("Bytes the cache still needs for the sector sizes the worker seals (files already there "
            + "count as present).")
    public Long requiredBytes;
}
