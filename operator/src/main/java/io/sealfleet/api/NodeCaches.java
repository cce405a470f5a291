package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The caches the kernels share with every worker (and lotus-worker) on the node. Each is mounted in
 * the worker pod at Lotus's default folder and named by the environment the kernels read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeCaches {
    @JsonPropertyDescription("SDR parent cache (FIL_PROOFS_PARENT_CACHE; 56 GiB per 32 GiB sector size). Default: the "
            + "node's /var/tmp/filecoin-parents, Lotus's folder.")
    public CacheVolume parentCache;

    @JsonPropertyDescription("Proof parameters (FIL_PROOFS_PARAMETER_CACHE; over 100 GiB for 32 GiB sectors). Default: "
            + "the node's /var/tmp/filecoin-proof-parameters, Lotus's folder.")
    public CacheVolume parameterCache;
}
