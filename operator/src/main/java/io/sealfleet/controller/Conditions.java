package io.sealfleet.controller;

import io.sealfleet.api.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place conditions are built. Setting a condition keeps the others in their order; its
 * lastTransitionTime moves only when its status changes (a new reason or message alone is an update,
 * not a transition), and it records the generation it was computed for.
 */
public final class Conditions {
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    // Condition types.
    public static final String VALID = "Valid";
    public static final String READY = "Ready";
    public static final String SCHEDULED = "Scheduled";
    public static final String SUCCEEDED = "Succeeded";

    private Conditions() {
    }

    public static List<Condition> set(List<Condition> current, String type, boolean status, String reason, String message,
                                      Long generation, Instant now) {
        List<Condition> out = new ArrayList<>();
        boolean replaced = false;
        String s = status ? TRUE : FALSE;
        for (Condition c : current == null ? List.<Condition>of() : current) {
            if (!type.equals(c.type)) {
                out.add(c);
                continue;
            }
            String since = s.equals(c.status) && c.lastTransitionTime != null ? c.lastTransitionTime : time(now);
            out.add(new Condition(type, s, reason, message, since, generation));
            replaced = true;
        }
        if (!replaced) {
            out.add(new Condition(type, s, reason, message, time(now), generation));
        }
        return out;
    }

    /** Sets a condition whose reason is one of the operator's reason enums: the constant's name is the reason. */
    public static List<Condition> set(List<Condition> current, String type, boolean status, Enum<?> reason, String message,
                                      Long generation, Instant now) {
        return set(current, type, status, reason.name(), message, generation, now);
    }

    /** Valid=True: every kind says it the same way. */
    public static List<Condition> valid(List<Condition> current, Long generation, Instant now) {
        return set(current, VALID, true, SpecReason.SpecValid, "the spec is valid", generation, now);
    }

    public static Condition get(List<Condition> conditions, String type) {
        if (conditions != null) {
            for (Condition c : conditions) {
                if (type.equals(c.type)) {
                    return c;
                }
            }
        }
        return null;
    }

    public static boolean isFalse(List<Condition> conditions, String type) {
        Condition c = get(conditions, type);
        return c != null && FALSE.equals(c.status);
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        Condition c = get(conditions, type);
        return c != null && TRUE.equals(c.status);
    }

    /** RFC 3339 with whole seconds, as Kubernetes writes times. */
    public static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
