package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;

/** A task as the pass currently knows it: the stored object and its typed view, replaced after each write. */
record LiveTask(GenericKubernetesResource raw, SectorTask task) {

    String key() {
        return raw.getMetadata().getNamespace() + "/" + raw.getMetadata().getName();
    }

    Long generation() {
        return raw.getMetadata().getGeneration();
    }

    /** The phase, or null before the operator wrote one. */
    TaskPhase phase() {
        return task.getStatus() == null ? null : task.getStatus().phase;
    }

    /** A copy of the status to change (an empty one when there is none yet). */
    SectorTaskStatus statusCopy() {
        SectorTaskStatus st = task.getStatus();
        return st == null ? new SectorTaskStatus() : Json.copy(st, SectorTaskStatus.class);
    }
}
