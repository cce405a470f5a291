package io.sealfleet.api;

/** One reason an object would not be admitted: the field at fault ({@code spec.storage[1]}) and why. */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
