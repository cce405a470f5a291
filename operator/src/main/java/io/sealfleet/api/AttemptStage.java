package io.sealfleet.api;

/** How far the worker agent got with one attempt; it only moves forward within an attempt. */
public enum AttemptStage {
    /** Reserving space and fetching inputs. */
    Preparing,
    /** The kernel runs. */
    Running,
    Succeeded,
    Failed;

    public boolean isFinished() {
        return compareTo(Succeeded) >= 0;
    }
}
