package io.sealfleet.agent;

/** A transfer that did not complete; the message says why in one line (refused, cut, corrupt). */
public class TransferException extends Exception {
    private final boolean retriable;

    public TransferException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /** Worth trying again (a cut connection); not for a wrong token, forbidden groups or a corrupt source. */
    public boolean retriable() {
        return retriable;
    }
}
