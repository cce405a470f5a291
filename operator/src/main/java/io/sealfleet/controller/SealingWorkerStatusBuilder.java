package io.sealfleet.controller;

import io.sealfleet.api.SealingWorkerStatus;
import java.time.Instant;

/** The one place a SealingWorker's conditions are set. Works on a copy; records the generation decided for. */
record SealingWorkerStatusBuilder(SealingWorkerStatus status, Long generation, Instant now) {

    SealingWorkerStatusBuilder {
        status.observedGeneration = generation;
    }

    SealingWorkerStatusBuilder specValid() {
        status.conditions = Conditions.valid(status.conditions, generation, now);
        return this;
    }

    SealingWorkerStatusBuilder ready(boolean ready, WorkerReason reason, String message) {
        status.conditions = Conditions.set(status.conditions, Conditions.READY, ready, reason, message, generation, now);
        return this;
    }
}
