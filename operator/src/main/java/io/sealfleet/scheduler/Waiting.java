package io.sealfleet.scheduler;

/**
 * A task the pass could not place, with the reason a person can act on and the code conditions carry.
 */
public record Waiting(String task, WaitingCode code, String reason) {
    /** True when the task waits for its inputs to exist, not for a worker. */
    public boolean forInput() {
        return code == WaitingCode.WaitingForInput;
    }
}
