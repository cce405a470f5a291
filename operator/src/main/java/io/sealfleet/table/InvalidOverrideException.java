package io.sealfleet.table;

/** A resource-table override or SDR setting that cannot be used; the message names the key and the fix. */
public class InvalidOverrideException extends IllegalArgumentException {
    private final String field;

    public InvalidOverrideException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The manifest field at fault, e.g. {@code spec.resourceTable.PC1_32G_MIN_MEMORY}. */
    public String field() {
        return field;
    }
}
