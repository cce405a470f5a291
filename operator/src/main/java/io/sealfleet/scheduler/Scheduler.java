package io.sealfleet.scheduler;

import java.util.random.RandomGenerator;

/**
 * The scheduler: one call is one pass over the queue. It holds no state between passes; the
 * caller rebuilds {@link ClusterState} from the API objects, so a restarted operator carries on
 * exactly where it was.
 */
public final class Scheduler {
    private final Assigner assigner;
    private final RandomGenerator tieBreak;

    /** The default: utilization assigner, ties between equally loaded workers broken by name. */
    public Scheduler() {
        this(Assigner.UTILIZATION, null);
    }

    /**
     * @param tieBreak when set, equally ranked workers are ordered by a shuffle drawn from it (as
     *                 Lotus shuffles); null orders them by name. Either way the result is a function
     *                 of the input and the generator's state.
     */
    public Scheduler(Assigner assigner, RandomGenerator tieBreak) {
        this.assigner = assigner;
        this.tieBreak = tieBreak;
    }

    public SchedulingPlan plan(ClusterState state) {
        return new SchedulingPass(state, assigner, tieBreak).run();
    }

    /** The sector files a task of this type reads (the operator checks whether they are still reachable). */
    public static java.util.Set<io.sealfleet.table.FileType> inputFiles(io.sealfleet.table.TaskType type) {
        return TaskStorage.of(type).inputs();
    }

    /** Sealing-path bytes a task allocates for its own outputs (Lotus's space model; 483.2 GiB for a 32 GiB PC1). */
    public static long allocationBytes(io.sealfleet.table.TaskType type, io.sealfleet.table.SectorSize size) {
        return TaskStorage.of(type).allocationBytes(size);
    }

    /** Sealing-path bytes needed to copy a task's inputs onto a worker that does not hold them. */
    public static long copyBytes(io.sealfleet.table.TaskType type, io.sealfleet.table.SectorSize size) {
        return TaskStorage.of(type).copyBytes(size);
    }

    /** Long-term bytes of a finalized sector: sealed and the small cache, plus unsealed when it has deals. */
    public static long finalizedBytes(io.sealfleet.table.SectorSize size, boolean keepUnsealed) {
        return TaskStorage.finalizedBytes(size, keepUnsealed);
    }
}
