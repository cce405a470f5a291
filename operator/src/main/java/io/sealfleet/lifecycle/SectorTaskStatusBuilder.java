package io.sealfleet.lifecycle;

import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.controller.Conditions;
import io.sealfleet.scheduler.WaitingCode;
import java.time.Instant;

/**
 * The one place a SectorTask's operator-owned conditions, {@code status.reason} and
 * {@code status.message} are set, so the three always agree. Works on a copy the caller made; every
 * change records the generation it was decided for.
 */
public record SectorTaskStatusBuilder(SectorTaskStatus status, Long generation, Instant now) {

    public SectorTaskStatusBuilder {
        status.observedGeneration = generation;
    }

    public SectorTaskStatusBuilder specValid() {
        status.conditions = Conditions.valid(status.conditions, generation, now);
        return this;
    }

    /** Scheduled=True: bound to a worker; a waiting reason no longer applies. */
    public SectorTaskStatusBuilder bound(String message) {
        return cleared(Conditions.SCHEDULED, TaskReason.Bound, message);
    }

    /** Succeeded=True: the task is done. */
    public SectorTaskStatusBuilder succeeded(String message) {
        return cleared(Conditions.SUCCEEDED, TaskReason.Succeeded, message);
    }

    /** Scheduled=False for one of the operator's own reasons. */
    public SectorTaskStatusBuilder waiting(TaskReason reason, String message) {
        return explained(Conditions.SCHEDULED, reason.name(), message);
    }

    /** Scheduled=False for the scheduler's reason. */
    public SectorTaskStatusBuilder waiting(WaitingCode code, String message) {
        return explained(Conditions.SCHEDULED, code.name(), message);
    }

    /** Succeeded=False: the task failed for good, for the reason the agent reported (or {@link TaskReason#Failed}). */
    public SectorTaskStatusBuilder failed(String reason, String message) {
        return explained(Conditions.SUCCEEDED, reason == null ? TaskReason.Failed.name() : reason, message);
    }

    /** A condition turned True: the status no longer explains why not. */
    private SectorTaskStatusBuilder cleared(String type, TaskReason reason, String message) {
        status.reason = null;
        status.message = null;
        status.conditions = Conditions.set(status.conditions, type, true, reason, message, generation, now);
        return this;
    }

    /** A condition turned False: the status's reason and message say why, as the condition does. */
    private SectorTaskStatusBuilder explained(String type, String reason, String message) {
        status.reason = reason;
        status.message = message;
        status.conditions = Conditions.set(status.conditions, type, false, reason, message, generation, now);
        return this;
    }
}
