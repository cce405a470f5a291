package io.sealfleet.scheduler;

/** Where a placed task is on its worker: in a scheduling window, in the preparing pool, or running. */
public enum Stage {
    ASSIGNED,
    PREPARING,
    RUNNING
}
