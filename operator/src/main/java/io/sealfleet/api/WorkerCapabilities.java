package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What the worker's kernels can run, as its agent found at start ({@code sealer capabilities}) and
 * finds on each report (the prover). Only the agent writes it; the scheduler places no task type or
 * sector size outside it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerCapabilities {
    @JsonPropertyDescription("Task types the worker's sealer runs, with their engines.")
    public List<TaskCapability> tasks;

    @JsonPropertyDescription("Sector sizes the worker's sealer seals, e.g. [2KiB, 32GiB].")
    public List<String> sectorSizes;

    @JsonPropertyDescription("The prover adapter of spec.externalProver and whether it is installed; absent without one.")
    public ProverState prover;

    @JsonPropertyDescription("Why the sealer's capabilities could not be read (the worker then takes no kernel work); "
            + "absent when they were.")
    public String error;

    @JsonPropertyDescription("When the agent read them (RFC 3339).")
    public String time;

    /** One task type of {@code sealer capabilities}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TaskCapability {
        @JsonPropertyDescription("Task type, e.g. PreCommit2.")
        public String type;

        @JsonPropertyDescription("Whether the sealer runs it on this worker.")
        public Boolean runs;

        @JsonPropertyDescription("Engines it can use here, e.g. [cpu, cuda].")
        public List<String> engines;

        @JsonPropertyDescription("Why it does not run, when runs is false.")
        public String reason;
    }

    /** The prover adapter as the agent found it on the worker. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ProverState {
        @JsonPropertyDescription("Stdio, LotusBench or Files.")
        public ProverAdapter adapter;

        @JsonPropertyDescription("The executable the adapter runs, as resolved on the worker (absolute when found).")
        public String executable;

        @JsonPropertyDescription("Whether the executable exists and may be run.")
        public Boolean installed;

        @JsonPropertyDescription("SNARK task types the adapter proves: Commit2, and ProveReplicaUpdate2 except with LotusBench.")
        public List<String> types;

        @JsonPropertyDescription("What the agent found, and the fix when it is not installed.")
        public String message;
    }
}
