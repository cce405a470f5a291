package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The worker as the operator and its agent see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealingWorkerStatus {
    @JsonPropertyDescription("Pending, Ready, Draining, Drained or Lost.")
    public WorkerPhase phase;

    @JsonPropertyDescription("Name of the worker pod.")
    public String pod;

    @JsonPropertyDescription("Node the worker pod runs on.")
    public String node;

    @JsonPropertyDescription("What the worker pod was granted; the scheduler plans with this.")
    public WorkerCapacity capacity;

    @JsonPropertyDescription("Where the worker's agent serves its sector files to other workers, e.g. http://10.0.3.7:7070.")
    public String endpoint;

    @JsonPropertyDescription("Reported state of each storage path.")
    public List<StoragePathStatus> storage;

    @JsonPropertyDescription("What the worker's agent found in its pod: open-files limit, caches, memory and swap in use, "
            + "the GPU engine check.")
    public AgentReport agent;

    @JsonPropertyDescription("What the worker's kernels can run: task types, engines, sector sizes and the prover adapter's "
            + "state, as its agent reports them. A worker that has not reported them takes only Fetch and Finalize.")
    public WorkerCapabilities capabilities;

    @JsonPropertyDescription("Tasks in the worker's scheduling windows and pools.")
    public WorkerPools pools;

    @JsonPropertyDescription("Per-task counters as lotus-miner sealing workers prints them: PC1(1/4) AP(15/15) GET(3).")
    public String tasks;

    @JsonPropertyDescription("Last time the worker's agent renewed its Lease (RFC 3339).")
    public String lastHeartbeat;

    @JsonPropertyDescription("The generation of the spec this status was computed from.")
    public Long observedGeneration;

    @JsonPropertyDescription("Kubernetes conditions: Valid, Ready, and from the agent's report and the node: "
            + "OpenFilesLimit, CacheSpace, SwapUsable, GpuEngine, Capabilities, Prover.")
    public List<Condition> conditions = new ArrayList<>();
}
