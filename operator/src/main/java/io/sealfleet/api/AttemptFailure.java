package io.sealfleet.api;

import java.util.Optional;

/**
 * Why the worker agent says an attempt failed: the vocabulary of {@link AttemptReport#reason}. The
 * constant's name is the CamelCase string on the wire; the agent writes it, the operator's lifecycle
 * and the Lotus bridge read it back through {@link #of}.
 */
public enum AttemptFailure {
    /** The sealer or the external prover exited non-zero, or printed no usable result. */
    KernelFailed(true),
    /** The sealer or the external prover could not be started (not installed, not executable). */
    KernelMissing(true),
    /** The agent stopped the kernel (the task was taken away or the agent shut down). */
    Stopped(true),
    /** An input file is not there: a piece source that cannot be read, a missing Commit1 output, or no worker holds the sector's files. */
    InputMissing(true),
    /** No storage path on the worker has room for the attempt's files. */
    InsufficientStorage(true),
    /** This agent cannot run the task type. */
    NotSupported(true),
    /** A piece's data does not have the commP its spec declares; the same data fails again, so no retry. */
    CommPMismatch(false),
    /** Commit2 on a worker without {@code spec.externalProver}. */
    NoExternalProver(true),
    /** Copying the sector's input files from another worker did not complete. */
    FetchFailed(true),
    /** The agent itself failed (an I/O error or a bug), not the kernel. */
    AgentError(true);

    private final boolean retryable;

    AttemptFailure(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether another attempt can succeed; when not, the task fails for good at once. */
    public boolean retryable() {
        return retryable;
    }

    /** The failure a report's reason names; empty for none, or for a reason this operator does not know. */
    public static Optional<AttemptFailure> of(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        for (AttemptFailure f : values()) {
            if (f.name().equals(reason)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
