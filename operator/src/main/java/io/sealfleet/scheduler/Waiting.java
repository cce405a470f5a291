package io.sealfleet.scheduler;

/**
 * A task the pass could not place, with the reason a person can act on and a short CamelCase code
 * for conditions.
 */
public record Waiting(String task, String code, String reason) {
}
