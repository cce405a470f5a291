package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sealfleet.table.TaskType;
import java.util.List;
import java.util.Map;

/** Where the worker runs, what it accepts and with what resources and storage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.storage) || self.storage.all(a, self.storage.exists_one(b, b.id == a.id))",
        message = "spec.storage ids must be unique within a worker")
public class SealingWorkerSpec {
    @JsonPropertyDescription("Run the worker pod on this node.")
    public String nodeName;

    @JsonPropertyDescription("Run the worker pod on nodes with these labels.")
    public Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the worker pod. GPU workers tolerate nvidia.com/gpu:NoSchedule on their own.")
    public List<Toleration> tolerations;

    @JsonPropertyDescription("Task types the worker accepts. Omitted: every type (lotus-worker's defaults). A list behaves "
            + "like lotus-worker --no-default: only the listed types, plus Fetch, Commit1, Finalize, ReadUnsealed, "
            + "ProveReplicaUpdate1 and FinalizeReplicaUpdate, which every worker keeps so it can hand off the sectors it holds.")
    public List<TaskType> tasks;

    @JsonPropertyDescription("Stop accepting new sealing work (lotus-worker tasks disable --all). Running tasks finish "
            + "and the worker still hands off the sectors it holds; its phase becomes Draining, then Drained.")
    public Boolean paused;

    @JsonPropertyDescription("CPU, memory, swap and GPUs of the worker pod. Omitted fields are derived from the resource "
            + "table for the enabled tasks.")
    public WorkerResources resources;

    @JsonPropertyDescription("GPUs the worker pod asks for, matched against NVIDIA GPU Feature Discovery node labels.")
    public GpuSelector gpu;

    @JsonPropertyDescription("Resource-table overrides in Lotus's environment form, e.g. PC1_32G_MAX_CONCURRENT: \"4\" or "
            + "PC2_32G_GPU_UTILIZATION: \"0.5\". Keys <TASK>_<SIZE>_<FIELD> or <TASK>_<FIELD>; memory in bytes or "
            + "as 56Gi. A key or value that does not parse makes the worker invalid.")
    public Map<String, String> resourceTable;

    @Size(max = 32)
    @JsonPropertyDescription("Storage paths of the worker, with the fields of Lotus's sectorstore.json (at most 32).")
    public List<StoragePathSpec> storage;

    @JsonPropertyDescription("Node-level volumes for the parent cache and the proof parameters, shared by every worker "
            + "pod on the node. Omitted: hostPaths at Lotus's default folders.")
    public NodeCaches caches;

    @JsonPropertyDescription("Cores and memory of spec.resources kept for a lotus-miner pod on the same node that runs "
            + "WindowPoSt: the worker pod requests spec.resources less this, never handed to sealing.")
    public WindowPostReserve windowPost;

    @JsonPropertyDescription("The prover of Commit2 and ProveReplicaUpdate2 on this worker, through an adapter (Stdio, "
            + "LotusBench, Files). Without it the worker takes no SNARK tasks; while it is not installed, neither.")
    public ExternalProver externalProver;

    @JsonPropertyDescription("Worker image; defaults to the operator's worker image.")
    public String image;

    @JsonPropertyDescription("Environment of the sealing kernels, e.g. FIL_PROOFS_USE_MULTICORE_SDR: \"1\" or "
            + "FIL_PROOFS_MULTICORE_SDR_PRODUCERS: \"3\".")
    public Map<String, String> env;
}
