package io.sealfleet.controller;

import io.sealfleet.api.StorageGroupStatus;
import java.time.Instant;

/** The one place a StorageGroup's conditions are set. Works on a copy; records the generation decided for. */
record StorageGroupStatusBuilder(StorageGroupStatus status, Long generation, Instant now) {

    StorageGroupStatusBuilder {
        status.observedGeneration = generation;
    }

    StorageGroupStatusBuilder ready(boolean ready, GroupReason reason, String message) {
        status.conditions = Conditions.set(status.conditions, Conditions.READY, ready, reason, message, generation, now);
        return this;
    }
}
