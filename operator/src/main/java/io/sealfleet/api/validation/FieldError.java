package io.sealfleet.api.validation;

/**
 * A spec mistake: the manifest field at fault ({@code spec.ticket}, {@code spec.storage[1].id}) and a
 * message that says what is wrong and how to fix it.
 */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
