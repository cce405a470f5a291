package io.sealfleet.lotus;

/** The miner answered a JSON-RPC call with an error object (the call reached it and was refused). */
public final class RpcException extends Exception {
    private final int code;

    public RpcException(String method, int code, String message) {
        super(method + ": " + message + " (code " + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
