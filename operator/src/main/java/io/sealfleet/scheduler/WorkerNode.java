package io.sealfleet.scheduler;

import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A worker as the scheduler sees it.
 *
 * @param enabled   task types it accepts (always-on types included)
 * @param paused    accepts only the always-on types
 * @param notReady  why it takes no new tasks at all (e.g. "phase Lost"), or null
 * @param reserve   WindowPoSt reserve, or null
 * @param hasProver an external prover is configured for Commit2 and ProveReplicaUpdate2
 * @param abilities what its agent reported its kernels and prover can run
 */
public record WorkerNode(String name, Capacity capacity, PostReserve reserve, Set<TaskType> enabled, boolean paused,
                         boolean hasProver, String notReady, ResourceTable table, List<StoragePath> paths,
                         Abilities abilities) {
    public WorkerNode {
        enabled = enabled.isEmpty() ? EnumSet.noneOf(TaskType.class) : EnumSet.copyOf(enabled);
        paths = List.copyOf(paths);
    }

    public static WorkerNode of(String name, Capacity capacity) {
        return new WorkerNode(name, capacity, null, TaskType.defaultSet(), false, false, null, ResourceTable.defaults(),
                List.of(StoragePath.sealing(name + "-seal", Long.MAX_VALUE)), Abilities.ALL);
    }

    public WorkerNode withTasks(Set<TaskType> tasks) {
        Set<TaskType> all = EnumSet.copyOf(TaskType.alwaysOnSet());
        all.addAll(tasks);
        return new WorkerNode(name, capacity, reserve, all, paused, hasProver, notReady, table, paths, abilities);
    }

    public WorkerNode withPaused(boolean p) {
        return new WorkerNode(name, capacity, reserve, enabled, p, hasProver, notReady, table, paths, abilities);
    }

    public WorkerNode withProver(boolean p) {
        return new WorkerNode(name, capacity, reserve, enabled, paused, p, notReady, table, paths, abilities);
    }

    public WorkerNode withReserve(PostReserve r) {
        return new WorkerNode(name, capacity, r, enabled, paused, hasProver, notReady, table, paths, abilities);
    }

    public WorkerNode withTable(ResourceTable t) {
        return new WorkerNode(name, capacity, reserve, enabled, paused, hasProver, notReady, t, paths, abilities);
    }

    public WorkerNode withPaths(List<StoragePath> p) {
        return new WorkerNode(name, capacity, reserve, enabled, paused, hasProver, notReady, table, p, abilities);
    }

    public WorkerNode withNotReady(String why) {
        return new WorkerNode(name, capacity, reserve, enabled, paused, hasProver, why, table, paths, abilities);
    }

    public WorkerNode withAbilities(Abilities a) {
        return new WorkerNode(name, capacity, reserve, enabled, paused, hasProver, notReady, table, paths, a);
    }

    /** The capacity sealing may use: the WindowPoSt reserve is never handed out. */
    public Capacity sealingCapacity() {
        return capacity.minus(reserve);
    }

    public boolean accepts(TaskType type) {
        return enabled.contains(type) && (!paused || type.alwaysOn());
    }

    /** Accepts the type and can run it: its prover for a SNARK, its sealer for the rest (at any size it seals). */
    public boolean canRun(TaskType type) {
        return accepts(type) && (type.needsProver() ? hasProver && abilities.proverRefuses(type) == null
                : abilities.sealerRefuses(type, null) == null);
    }
}
