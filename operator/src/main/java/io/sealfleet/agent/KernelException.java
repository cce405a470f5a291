package io.sealfleet.agent;

/** A task step that failed; {@code reason} is the CamelCase reason the task status carries. */
public class KernelException extends Exception {
    private final String reason;

    public KernelException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
