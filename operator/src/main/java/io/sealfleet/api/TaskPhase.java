package io.sealfleet.api;

/**
 * Where a SectorTask is in its life: Pending → Scheduled → Preparing → Running → Succeeded | Failed,
 * with Backoff between a failed attempt and the next. Only the operator sets it, through
 * {@code io.sealfleet.lifecycle.TaskStateMachine}.
 */
public enum TaskPhase {
    /** In the queue, not yet on a worker. */
    Pending,
    /** In the queue but missing an input (such as the seed) that it cannot run without. */
    Waiting,
    /** An attempt failed and the task waits out the retry policy's backoff before the next one. */
    Backoff,
    /** Bound to a worker (in one of its scheduling windows), not started. */
    Scheduled,
    /** The worker is fetching its inputs. */
    Preparing,
    /** The kernel runs. */
    Running,
    Succeeded,
    /** Failed for good: the retry policy's attempts are used up. */
    Failed;

    public boolean isFinished() {
        return this == Succeeded || this == Failed;
    }

    /** Holds resources on its worker: bound, preparing or running. */
    public boolean isOnWorker() {
        return this == Scheduled || this == Preparing || this == Running;
    }

    /** In the queue: not yet on a worker and not finished. */
    public boolean isQueued() {
        return this == Pending || this == Waiting || this == Backoff;
    }
}
