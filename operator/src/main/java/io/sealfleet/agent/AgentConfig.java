package io.sealfleet.agent;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How an agent runs.
 *
 * @param storageRoot  where the worker's storage paths are mounted, one directory per path ID
 * @param transferHost the address other agents reach this one at
 * @param parentCache    the SDR parent cache directory handed to the kernels, or null for theirs
 * @param parameterCache the proof parameter directory handed to the kernels and the prover, or null
 * @param minOpenFiles   the open-files limit sealing needs; below it the worker takes no task
 * @param tick           how often the agent looks at its tasks
 */
public record AgentConfig(String worker, String namespace, String podName, String leaseName, Path storageRoot, Path sealer,
                          String transferHost, int transferPort, String token, Path parentCache, Path parameterCache,
                          long minOpenFiles, Duration tick) {
    public static final int LEASE_SECONDS = 30;
    public static final Duration RENEW = Duration.ofSeconds(10);

    public static String leaseName(String worker) {
        return "sealfleet-worker-" + worker;
    }
}
