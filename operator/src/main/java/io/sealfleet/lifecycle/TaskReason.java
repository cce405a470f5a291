package io.sealfleet.lifecycle;

/**
 * The operator's own reasons on a SectorTask (its Scheduled and Succeeded conditions and
 * {@code status.reason}). The constant's name is the Kubernetes reason. Two kinds of reason come from
 * elsewhere and pass through unchanged: the scheduler's waiting codes ({@code scheduler.WaitingCode})
 * and the failure reason in the agent's attempt report.
 */
public enum TaskReason {
    /** Scheduled=True: bound to a worker. */
    Bound,
    /** Waiting out the backoff before the next attempt. */
    RetryBackoff,
    /** Waiting for spec.seed, the interactive seed from the chain. */
    WaitingForSeed,
    /** Its input files are only on a lost worker. */
    DataOnLostWorker,
    /** Taken back from a lost or deleted worker. */
    WorkerLost,
    /** Succeeded=True. */
    Succeeded,
    /** Succeeded=False when the agent's report names no reason. */
    Failed
}
