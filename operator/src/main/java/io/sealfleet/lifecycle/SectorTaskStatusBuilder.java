package io.sealfleet.lifecycle;

import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.controller.Conditions;
import java.time.Instant;

/**
 * The one place a SectorTask's operator-owned conditions, {@code status.reason} and
 * {@code status.message} are set, so the three always agree. Works on a copy the caller made; every
 * change records the generation it was decided for.
 */
public final class SectorTaskStatusBuilder {
    private final SectorTaskStatus status;
    private final Long generation;
    private final Instant now;

    public SectorTaskStatusBuilder(SectorTaskStatus copy, Long generation, Instant now) {
        this.status = copy;
        this.generation = generation;
        this.now = now;
        copy.observedGeneration = generation;
    }

    public SectorTaskStatusBuilder specValid() {
        status.conditions = Conditions.valid(status.conditions, generation, now);
        return this;
    }

    /** Scheduled=True: bound to a worker; a waiting reason no longer applies. */
    public SectorTaskStatusBuilder bound(String message) {
        status.reason = null;
        status.message = null;
        status.conditions = Conditions.set(status.conditions, Conditions.SCHEDULED, true, TaskReason.Bound, message,
                generation, now);
        return this;
    }

    /** Scheduled=False for one of the operator's own reasons. */
    public SectorTaskStatusBuilder waiting(TaskReason reason, String message) {
        return waiting(reason.name(), message);
    }

    /** Scheduled=False with a code from the scheduler or the operator's hold, passed through unchanged. */
    public SectorTaskStatusBuilder waiting(String code, String message) {
        status.reason = code;
        status.message = message;
        status.conditions = Conditions.set(status.conditions, Conditions.SCHEDULED, false, code, message, generation, now);
        return this;
    }

    /** Succeeded=True: the task is done. */
    public SectorTaskStatusBuilder succeeded(String message) {
        status.reason = null;
        status.message = null;
        status.conditions = Conditions.set(status.conditions, Conditions.SUCCEEDED, true, TaskReason.Succeeded, message,
                generation, now);
        return this;
    }

    /** Succeeded=False: the task failed for good, for the reason the agent reported (or {@link TaskReason#Failed}). */
    public SectorTaskStatusBuilder failed(String reason, String message) {
        status.reason = reason == null ? TaskReason.Failed.name() : reason;
        status.message = message;
        status.conditions = Conditions.set(status.conditions, Conditions.SUCCEEDED, false, status.reason, message,
                generation, now);
        return this;
    }

    public SectorTaskStatus build() {
        return status;
    }
}
