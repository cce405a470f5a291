package io.sealfleet.api.validation;

import io.sealfleet.api.ApiGroup;
import io.sealfleet.table.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the errors of one object; the checks mirror the CRD schema's keywords. */
final class FieldErrors {
    private static final Pattern QUANTITY = Pattern.compile(ApiGroup.QUANTITY_PATTERN);

    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** {@code @Required}: reports and returns false when the value is missing. */
    boolean required(String field, Object value, String fix) {
        if (value == null) {
            add(field, "is required; " + fix);
            return false;
        }
        return true;
    }

    /** {@code @Pattern}, with the fix spelled out (the regex alone helps nobody). */
    void matches(String field, String value, Pattern pattern, String fix) {
        if (value != null && !pattern.matcher(value).find()) {
            add(field, "'" + value + "' is not valid; " + fix);
        }
    }

    /** {@code @Min}. */
    void atLeast(String field, Number value, long min, String fix) {
        if (value != null && value.longValue() < min) {
            add(field, value + " is below the minimum of " + min + "; " + fix);
        }
    }

    /**
     * A byte quantity: the CRD's pattern, then {@link Bytes#parse}, which the scheduler uses and which
     * also refuses values too large for a byte count.
     */
    void quantity(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.strip().startsWith("-") && QUANTITY.matcher(value.strip().substring(1)).find()) {
            add(field, "'" + value + "' is negative; a byte quantity is 0 or more, e.g. 256Gi");
            return;
        }
        if (!QUANTITY.matcher(value).find()) {
            add(field, "'" + value + "' is not a byte quantity; write a byte count or a Kubernetes quantity "
                    + "such as 256Gi, 4Ti or 500G (GB and TB are not quantities)");
            return;
        }
        try {
            Bytes.parse(value);
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage() + "; write a smaller quantity such as 256Gi or 4Ti");
        }
    }

    List<FieldError> toList() {
        return List.copyOf(errors);
    }
}
