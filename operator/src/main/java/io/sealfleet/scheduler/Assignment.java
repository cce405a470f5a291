package io.sealfleet.scheduler;

/** A task bound to a worker in this pass, with the storage path it allocates on (null when none). */
public record Assignment(String task, String worker, String pathId) {
}
