package io.sealfleet.scheduler;

/**
 * A task the pass could not place, with the reason a person can act on and a short CamelCase code
 * for conditions.
 */
public record Waiting(String task, String code, String reason) {
    /** True when the task waits for its inputs to exist, not for a worker. */
    public boolean forInput() {
        return WaitingReasons.WAITING_FOR_INPUT.equals(code);
    }
}
