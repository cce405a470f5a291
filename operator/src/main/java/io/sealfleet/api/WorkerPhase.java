package io.sealfleet.api;

/** Pending (pod not running yet), Ready, Draining (paused, tasks still running), Drained, Lost (no heartbeat). */
public enum WorkerPhase {
    Pending,
    Ready,
    Draining,
    Drained,
    Lost
}
