package io.sealfleet.lifecycle;

import io.sealfleet.api.SectorTaskStatus;
import java.time.Duration;

/**
 * What the lifecycle decider wants done with one task: the status to write (null: nothing), what
 * it means (for metrics), and the Warning event to record with it, if any.
 *
 * @param ran how long the finished attempt ran, for the duration metric; null when unknown
 */
public record TaskDecision(SectorTaskStatus status, Outcome outcome, String eventReason, String eventMessage, Duration ran) {

    public enum Outcome {
        /** Nothing to write. */
        NONE,
        /** The attempt moved on (Preparing, Running, progress). */
        PROGRESSED,
        SUCCEEDED,
        /** The attempt failed; another follows after the backoff. */
        RETRYING,
        /** The last attempt failed: the task failed for good. */
        FAILED,
        /** Taken back from a lost or deleted worker as a new attempt. */
        REQUEUED
    }

    static final TaskDecision NOTHING = new TaskDecision(null, Outcome.NONE, null, null, null);

    static TaskDecision write(SectorTaskStatus status, Outcome outcome) {
        return new TaskDecision(status, outcome, null, null, null);
    }
}
