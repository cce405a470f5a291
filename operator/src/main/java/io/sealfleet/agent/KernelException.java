package io.sealfleet.agent;

import io.sealfleet.api.AttemptFailure;

/** A task step that failed; {@code reason} is what the attempt's report says. */
public class KernelException extends Exception {
    private final AttemptFailure reason;

    public KernelException(AttemptFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AttemptFailure reason() {
        return reason;
    }
}
