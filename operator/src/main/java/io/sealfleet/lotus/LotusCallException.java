package io.sealfleet.lotus;

/**
 * A call the bridge cannot carry out, with the CallError code the miner acts on: 0 permanent,
 * 100 temporary, 101 worker restarted, 102 could not allocate space (the miner retries 101 and
 * 102 after 5 s; anything else fails the step).
 */
public final class LotusCallException extends RuntimeException {
    public static final int PERMANENT = 0;
    public static final int TEMPORARY = 100;
    public static final int RESTARTED = 101;
    public static final int NO_SPACE = 102;

    private final int code;

    public LotusCallException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
