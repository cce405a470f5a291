package io.sealfleet.lifecycle;

import io.sealfleet.api.TaskPhase;

/** How far a task got within one attempt, written independently of the state machine for tests to check it against. */
public final class PhaseOrder {
    private PhaseOrder() {
    }

    public static int rank(TaskPhase p) {
        return switch (p == null ? TaskPhase.Pending : p) {
            case Pending, Waiting, Backoff -> 0;
            case Scheduled -> 1;
            case Preparing -> 2;
            case Running -> 3;
            case Succeeded, Failed -> 4;
        };
    }
}
