package io.sealfleet.agent;

/** A transfer that did not complete; the message says why in one line (refused, cut, corrupt). */
public class TransferException extends Exception {
    private final boolean retriable;

    public TransferException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /**
     * One line for an I/O failure: Java's HTTP client throws some (a refused or reset connection) without a
     * message, which would read "null"; then the exception's kind and its cause say what happened.
     */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            String part = t.getMessage() != null && !t.getMessage().isBlank() ? t.getMessage() : t.getClass().getSimpleName();
            if (sb.indexOf(part) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(part);
            }
        }
        return sb.toString();
    }

    /** Worth trying again (a cut connection); not for a wrong token, forbidden groups or a corrupt source. */
    public boolean retriable() {
        return retriable;
    }
}
