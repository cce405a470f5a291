package io.sealfleet.scheduler;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a worker's kernels can run, as its agent reported them: the task types its {@code sealer}
 * runs and the sector sizes it seals, and the SNARK types its installed prover adapter proves. A
 * worker whose agent has not reported gets only the file work the agent does itself (Fetch,
 * Finalize, FinalizeReplicaUpdate): every other type runs a kernel the worker has not vouched for.
 *
 * @param types      task types it runs: by its sealer, and (Commit2, ProveReplicaUpdate2) by its prover
 * @param refusedWhy why each type it does not run is refused (the sealer's or the prover probe's words)
 * @param sizes      sector sizes its sealer seals
 * @param unknown    why nothing is known yet (not reported, or the report failed), or null
 */
public record Abilities(Set<TaskType> types, Map<TaskType, String> refusedWhy, Set<SectorSize> sizes, String unknown) {
    /** Types whose work is the agent's own Java code, run without a kernel. */
    private static final Set<TaskType> AGENT_ONLY = EnumSet.of(TaskType.Fetch, TaskType.Finalize,
            TaskType.FinalizeReplicaUpdate);

    /** Everything runs: a worker in a scheduler test, or one whose capabilities do not matter to the case. */
    public static final Abilities ALL = new Abilities(EnumSet.allOf(TaskType.class), Map.of(), EnumSet.allOf(SectorSize.class),
            null);

    public Abilities {
        types = types.isEmpty() ? EnumSet.noneOf(TaskType.class) : EnumSet.copyOf(types);
        refusedWhy = Map.copyOf(refusedWhy);
        sizes = sizes.isEmpty() ? EnumSet.noneOf(SectorSize.class) : EnumSet.copyOf(sizes);
    }

    /** Nothing reported yet; {@code why} says what the worker is waiting for. */
    public static Abilities unknown(String why) {
        return new Abilities(Set.of(), Map.of(), Set.of(), why);
    }

    /** Why the worker's configured prover cannot take this SNARK type (not installed, or its adapter lacks it), or null. */
    public String proverRefuses(TaskType type) {
        if (!type.needsProver()) {
            return null;
        }
        if (unknown != null) {
            return unknown;
        }
        return types.contains(type) ? null : refusedWhy.getOrDefault(type, "its prover adapter does not prove " + type);
    }

    /** Why the worker's sealer cannot run this type at this size, or null when it can (or needs no sealer). */
    public String sealerRefuses(TaskType type, SectorSize size) {
        if (AGENT_ONLY.contains(type) || type.needsProver()) {
            return null;
        }
        if (unknown != null) {
            return unknown;
        }
        if (!types.contains(type)) {
            String why = refusedWhy.get(type);
            return "its sealer does not run " + type + (why == null ? "" : ": " + why);
        }
        if (size != null && !sizes.contains(size)) {
            return "its sealer does not seal " + size.label() + " sectors (it seals "
                    + sizes.stream().map(SectorSize::label).collect(Collectors.joining(", ")) + ")";
        }
        return null;
    }
}
