package io.sealfleet.api;

/** Where a SectorTask is in its life: Pending → Scheduled → Preparing → Running → Succeeded | Failed. */
public enum TaskPhase {
    /** In the queue, not yet on a worker. */
    Pending,
    /** In the queue but missing an input (such as the seed) that it cannot run without. */
    Waiting,
    /** Bound to a worker (in one of its scheduling windows), not started. */
    Scheduled,
    /** The worker is fetching its inputs. */
    Preparing,
    /** The kernel runs. */
    Running,
    Succeeded,
    Failed;

    public boolean isFinished() {
        return this == Succeeded || this == Failed;
    }

    /** Holds resources on its worker: bound, preparing or running. */
    public boolean isOnWorker() {
        return this == Scheduled || this == Preparing || this == Running;
    }
}
