package io.sealfleet.kube;

import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.WorkerCapabilities;
import io.sealfleet.scheduler.Abilities;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's view of what a worker can run, from the capabilities its agent reported in
 * {@code status.capabilities}. The operator, {@code sealfleet plan} and the Lotus bridge all read it
 * here, and the worker's Capabilities and Prover conditions say the same in words.
 */
public final class WorkerAbilities {
    public static final String NOT_REPORTED = "has not reported its capabilities yet (its agent reads sealer capabilities "
            + "when it starts, and reports them with its storage)";
    static final String PROVER_NOT_CHECKED = "its agent has not checked spec.externalProver yet";

    private WorkerAbilities() {
    }

    /**
     * A worker without {@code status.phase} is a manifest the operator has never judged ({@code sealfleet
     * plan} on files; the operator always hands the scheduler the phase it judged): it is planned as
     * the worker image's agent would report, prover installed. A judged worker without capabilities has
     * an agent that has not reported them, and gets no kernel work.
     */
    public static Abilities of(SealingWorkerSpec spec, SealingWorkerStatus status) {
        if (status == null || status.phase == null) {
            return Abilities.ALL;
        }
        WorkerCapabilities c = status.capabilities;
        if (c == null) {
            return Abilities.unknown(NOT_REPORTED);
        }
        if (c.error != null) {
            return Abilities.unknown(c.error);
        }
        Set<TaskType> types = EnumSet.noneOf(TaskType.class);
        Map<TaskType, String> refused = new EnumMap<>(TaskType.class);
        if (c.tasks != null) {
            for (WorkerCapabilities.TaskCapability t : c.tasks) {
                TaskType type = taskType(t.type);
                if (type == null || type.needsProver()) {
                    continue;
                }
                if (Boolean.TRUE.equals(t.runs)) {
                    types.add(type);
                } else if (t.reason != null) {
                    refused.put(type, t.reason);
                }
            }
        }
        prover(spec, c.prover, types, refused);
        Set<SectorSize> sizes = EnumSet.noneOf(SectorSize.class);
        if (c.sectorSizes != null) {
            for (String s : c.sectorSizes) {
                try {
                    sizes.add(SectorSize.parse(s));
                } catch (IllegalArgumentException e) {
                    // A size this operator does not know is one it never schedules.
                }
            }
        }
        return new Abilities(types, refused, sizes, null);
    }

    /** Adds the SNARK types the installed prover proves, and why the others are refused. */
    private static void prover(SealingWorkerSpec spec, WorkerCapabilities.ProverState p, Set<TaskType> types,
                               Map<TaskType, String> refused) {
        if (spec == null || spec.externalProver == null) {
            return;
        }
        for (TaskType snark : EnumSet.of(TaskType.Commit2, TaskType.ProveReplicaUpdate2)) {
            if (p == null || p.adapter != spec.externalProver.effectiveAdapter()) {
                refused.put(snark, PROVER_NOT_CHECKED);
            } else if (!Boolean.TRUE.equals(p.installed)) {
                refused.put(snark, p.message);
            } else if (p.types == null || !p.types.contains(snark.name())) {
                refused.put(snark, "its " + p.adapter + " prover adapter does not prove " + snark
                        + (p.adapter == io.sealfleet.api.ProverAdapter.LotusBench ? " (lotus-bench has no command for it)" : ""));
            } else {
                types.add(snark);
            }
        }
    }

    /** One line for the Capabilities condition: the types the sealer runs and the sizes it seals. */
    public static String describe(WorkerCapabilities c) {
        java.util.List<String> runs = new java.util.ArrayList<>();
        java.util.List<String> not = new java.util.ArrayList<>();
        if (c.tasks != null) {
            for (WorkerCapabilities.TaskCapability t : c.tasks) {
                TaskType type = taskType(t.type);
                if (type != null && type.needsProver()) {
                    continue;
                }
                String engines = t.engines == null || t.engines.isEmpty() || t.engines.equals(java.util.List.of("cpu")) ? ""
                        : " (" + String.join(", ", t.engines) + ")";
                (Boolean.TRUE.equals(t.runs) ? runs : not).add(t.type + (Boolean.TRUE.equals(t.runs) ? engines : ""));
            }
        }
        return "sealer runs " + (runs.isEmpty() ? "nothing" : String.join(", ", runs))
                + (not.isEmpty() ? "; not " + String.join(", ", not) : "")
                + "; sector sizes " + (c.sectorSizes == null || c.sectorSizes.isEmpty() ? "none" : String.join(", ", c.sectorSizes))
                + "; Commit2 and ProveReplicaUpdate2 go to spec.externalProver";
    }

    private static TaskType taskType(String name) {
        try {
            return name == null ? null : TaskType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
