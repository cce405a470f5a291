package io.sealfleet.controller;

import io.sealfleet.api.SealingWorkerStatus;
import java.time.Instant;

/** The one place a SealingWorker's conditions are set. Works on a copy; records the generation decided for. */
final class SealingWorkerStatusBuilder {
    private final SealingWorkerStatus status;
    private final Long generation;
    private final Instant now;

    SealingWorkerStatusBuilder(SealingWorkerStatus copy, Long generation, Instant now) {
        this.status = copy;
        this.generation = generation;
        this.now = now;
        copy.observedGeneration = generation;
    }

    SealingWorkerStatusBuilder specValid() {
        status.conditions = Conditions.valid(status.conditions, generation, now);
        return this;
    }

    SealingWorkerStatusBuilder ready(boolean ready, WorkerReason reason, String message) {
        status.conditions = Conditions.set(status.conditions, Conditions.READY, ready, reason, message, generation, now);
        return this;
    }

    SealingWorkerStatus build() {
        return status;
    }
}
