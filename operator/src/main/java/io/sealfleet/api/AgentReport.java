package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What the worker's agent found in its pod; the agent writes it, the operator turns it into conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentReport {
    @JsonPropertyDescription("Soft limit on open files (RLIMIT_NOFILE) the sealing kernels run with, after the agent "
            + "raised it to the hard limit.")
    public Long openFilesLimit;

    @JsonPropertyDescription("Hard limit on open files (RLIMIT_NOFILE) of the pod, set by the container runtime's LimitNOFILE.")
    public Long openFilesHardLimit;

    @JsonPropertyDescription("Open files sealing needs (lotus-worker's ulimit -n 1048576 unless the agent was told otherwise).")
    public Long openFilesRequired;

    @JsonPropertyDescription("The node-level caches the kernels read: parent cache and parameter cache.")
    public List<CacheStatus> caches;

    @JsonPropertyDescription("Memory in use by the worker's container (its cgroup), bytes.")
    public Long memoryInUseBytes;

    @JsonPropertyDescription("Swap in use by the worker's container (its cgroup), bytes.")
    public Long swapInUseBytes;

    @JsonPropertyDescription("Where memory use was read: cgroup v1 or v2; absent when the agent found neither.")
    public String cgroup;

    @JsonPropertyDescription("Result of the agent's check of the GPU PreCommit2 engine against the CPU engine.")
    public GpuEngineCheck pc2GpuCheck;
}
