package io.sealfleet.scheduler;

import java.util.List;

/** The outcome of one pass: assignments in queue order, and every other queued task with its reason. */
public record SchedulingPlan(List<Assignment> assignments, List<Waiting> waiting) {
}
