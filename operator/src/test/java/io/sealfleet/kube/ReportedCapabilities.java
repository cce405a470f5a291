package io.sealfleet.kube;

import io.sealfleet.api.ProverAdapter;
import io.sealfleet.api.WorkerCapabilities;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A worker's {@code status.capabilities} as its agent reports them, for fixtures of live workers. */
public final class ReportedCapabilities {
    private ReportedCapabilities() {
    }

    /** Every kernel type runs at every size; with an installed prover of this adapter when {@code adapter} is set. */
    public static WorkerCapabilities all(ProverAdapter adapter) {
        WorkerCapabilities c = new WorkerCapabilities();
        c.sectorSizes = Arrays.stream(SectorSize.values()).map(SectorSize::label).toList();
        c.tasks = new ArrayList<>();
        for (TaskType t : TaskType.values()) {
            WorkerCapabilities.TaskCapability tc = new WorkerCapabilities.TaskCapability();
            tc.type = t.name();
            tc.runs = !t.needsProver();
            tc.reason = t.needsProver() ? "the SNARK is not run by sealer: it goes to the worker's external prover" : null;
            c.tasks.add(tc);
        }
        if (adapter != null) {
            c.prover = new WorkerCapabilities.ProverState();
            c.prover.adapter = adapter;
            c.prover.installed = true;
            c.prover.executable = "/usr/local/bin/prover";
            c.prover.types = adapter == ProverAdapter.LotusBench ? List.of("Commit2") : List.of("Commit2", "ProveReplicaUpdate2");
            c.prover.message = "installed";
        }
        return c;
    }

    /** {@link #all} as a YAML block for a status, indented by {@code indent} spaces. */
    public static String yaml(ProverAdapter adapter, int indent) {
        String pad = " ".repeat(indent);
        StringBuilder b = new StringBuilder(pad).append("capabilities:\n");
        b.append(pad).append("  sectorSizes: [2KiB, 8MiB, 512MiB, 32GiB, 64GiB]\n");
        b.append(pad).append("  tasks:\n");
        for (TaskType t : TaskType.values()) {
            b.append(pad).append("    - {type: ").append(t.name()).append(", runs: ").append(!t.needsProver()).append("}\n");
        }
        if (adapter != null) {
            b.append(pad).append("  prover: {adapter: ").append(adapter.name()).append(", installed: true, types: [Commit2")
                    .append(adapter == ProverAdapter.LotusBench ? "" : ", ProveReplicaUpdate2").append("]}\n");
        }
        return b.toString();
    }
}
