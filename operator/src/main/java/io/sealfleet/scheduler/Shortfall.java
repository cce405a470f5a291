package io.sealfleet.scheduler;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Why a worker cannot take a task: its code and the figures, e.g. "needs 56 GiB free RAM,
 * has 40 GiB". A pass records thousands of these and shows a few, so the words are built only
 * when asked for.
 */
public final class Shortfall {
    private final WaitingCode code;
    private Supplier<String> supplier;
    private String detail;

    public Shortfall(WaitingCode code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    Shortfall(WaitingCode code, Supplier<String> detail) {
        this.code = code;
        this.supplier = detail;
    }

    public WaitingCode code() {
        return code;
    }

    public String detail() {
        if (detail == null) {
            detail = supplier.get();
            supplier = null;
        }
        return detail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shortfall s && code == s.code && detail().equals(s.detail());
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, detail());
    }

    @Override
    public String toString() {
        return code + ": " + detail();
    }
}
