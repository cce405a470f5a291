package io.sealfleet.scheduler;

/**
 * Why the scheduler could not place a task, in one CamelCase word: the constant's name is the reason
 * a SectorTask's {@code Scheduled=False} condition and {@code status.reason} carry. Each worker's
 * {@link Shortfall} has one; the task's {@link Waiting} takes the one that matters most.
 */
public enum WaitingCode {
    /** There is no SealingWorker at all. */
    NoWorkers,
    /** The worker is not Ready (no heartbeat yet, lost, draining). */
    WorkerNotReady,
    /** The worker does not have the task type enabled. */
    TaskTypeDisabled,
    /** The worker has the task type paused. */
    WorkerPaused,
    /** Commit2 and the worker has no spec.externalProver. */
    NoExternalProver,
    /** An external prover is configured but the worker's agent found it not installed. */
    ProverNotInstalled,
    /** The worker's sealer capabilities leave out the task type or the sector size, or are not reported yet. */
    WorkerCannotRun,
    /** The task's GPU requirement matches none of the worker's GPUs. */
    NoMatchingGpu,
    /** Both of the worker's scheduling windows hold tasks that have not started. */
    WindowsFull,
    /** The sector's storage groups do not allow its files to be copied to the worker. */
    StorageGroupsForbidCopy,
    /** No storage path of the worker has room for the task's files. */
    InsufficientStorage,
    /** The worker lacks free RAM (or RAM and swap) for the task. */
    InsufficientMemory,
    /** The worker lacks free threads for the task. */
    InsufficientCPU,
    /** The worker lacks free GPU share for the task. */
    InsufficientGPU,
    /** The worker already runs its limit of tasks of this type and size. */
    MaxConcurrentReached,
    /** The task's input files do not exist yet, or no worker reports all of them. */
    WaitingForInput
}
