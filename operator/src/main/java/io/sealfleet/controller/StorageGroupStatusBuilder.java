package io.sealfleet.controller;

import io.sealfleet.api.StorageGroupStatus;
import java.time.Instant;

/** The one place a StorageGroup's conditions are set. Works on a copy; records the generation decided for. */
final class StorageGroupStatusBuilder {
    private final StorageGroupStatus status;
    private final Long generation;
    private final Instant now;

    StorageGroupStatusBuilder(StorageGroupStatus copy, Long generation, Instant now) {
        this.status = copy;
        this.generation = generation;
        this.now = now;
        copy.observedGeneration = generation;
    }

    StorageGroupStatusBuilder ready(boolean ready, GroupReason reason, String message) {
        status.conditions = Conditions.set(status.conditions, Conditions.READY, ready, reason, message, generation, now);
        return this;
    }

    StorageGroupStatus build() {
        return status;
    }
}
