package io.sealfleet.lifecycle;

import io.sealfleet.api.TaskPhase;

/**
 * The answer of {@link TaskStateMachine} for one (phase, event): the phase to move to and whether
 * that starts a new attempt, or a refusal that says why.
 */
public record Transition(TaskPhase from, TaskEvent event, TaskPhase to, boolean newAttempt, String refusal) {

    static Transition to(TaskPhase from, TaskEvent event, TaskPhase to, boolean newAttempt) {
        return new Transition(from, event, to, newAttempt, null);
    }

    static Transition refused(TaskPhase from, TaskEvent event, String why) {
        return new Transition(from, event, null, false, why);
    }

    public boolean allowed() {
        return refusal == null;
    }
}
