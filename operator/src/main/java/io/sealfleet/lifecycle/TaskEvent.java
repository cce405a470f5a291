package io.sealfleet.lifecycle;

/** What can happen to a SectorTask; the operator turns each into a phase through {@link TaskStateMachine}. */
public enum TaskEvent {
    /** The scheduler found no worker for it this pass, but nothing it needs is missing. */
    Queued,
    /** It cannot run yet: an input (seed, sector files) is missing or only on a lost worker. */
    Blocked,
    /** Its previous attempt failed and the retry backoff has not passed yet. */
    BackingOff,
    /** The scheduler bound it to a worker. */
    Bound,
    /** The agent reports the attempt preparing (reserving space, fetching inputs). */
    AttemptPreparing,
    /** The agent reports the attempt's kernel running. */
    AttemptRunning,
    /** The agent reports the attempt succeeded. */
    AttemptSucceeded,
    /** The agent reports the attempt failed and the retry policy allows another. */
    AttemptFailed,
    /** The agent reports the attempt failed and it was the last the retry policy allows, or no retry can mend its failure. */
    AttemptsExhausted,
    /** Its worker is gone or lost: the attempt is abandoned and the task queues again. */
    WorkerLost
}
