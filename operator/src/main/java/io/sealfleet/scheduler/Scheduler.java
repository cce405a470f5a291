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
}
