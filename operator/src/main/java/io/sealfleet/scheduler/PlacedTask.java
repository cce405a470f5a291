package io.sealfleet.scheduler;

/** A task already on a worker; {@code pathId} is the storage path it allocated on, or null. */
public record PlacedTask(TaskRequest task, String worker, Stage stage, String pathId) {
}
