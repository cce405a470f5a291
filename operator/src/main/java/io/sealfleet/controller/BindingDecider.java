package io.sealfleet.controller;

import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.lifecycle.SectorTaskStatusBuilder;
import io.sealfleet.lifecycle.TaskEvent;
import io.sealfleet.lifecycle.TaskLifecycle;
import io.sealfleet.lifecycle.TaskReason;
import io.sealfleet.lifecycle.TaskStateMachine;
import io.sealfleet.lifecycle.Transition;
import io.sealfleet.scheduler.Assignment;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the scheduler's plan into intended task writes, without a client: a binding for each
 * assignment, and for each waiting task a Scheduled=False condition naming the scheduler's reason
 * (or the operator's own hold: retry backoff, seed, data on a lost worker).
 */
final class BindingDecider {
    /** A binding to write; {@code queuedSince} dates the wait for the binding-latency metric. */
    record Binding(LiveTask task, SectorTaskStatus status, String queuedSince) {
    }

    /** What the plan means for the tasks it names. */
    record Decisions(List<Binding> bindings, List<TaskWrite> waiting) {
    }

    private BindingDecider() {
    }

    /**
     * @param live the tasks as the pass knows them, by namespace/name
     * @param holds the operator's own reason for tasks it holds back, by namespace/name
     */
    static Decisions decide(SchedulingPlan plan, Map<String, LiveTask> live, Map<String, TaskReason> holds, Instant now) {
        List<Binding> bindings = new ArrayList<>();
        Set<String> assigned = new HashSet<>();
        for (Assignment a : plan.assignments()) {
            LiveTask t = live.get(a.task());
            if (t != null) {
                bindings.add(bind(t, a, now));
                assigned.add(a.task());
            }
        }
        List<TaskWrite> waiting = new ArrayList<>();
        for (Waiting w : plan.waiting()) {
            LiveTask t = live.get(w.task());
            if (t == null || assigned.contains(w.task())) {
                continue;
            }
            SectorTaskStatus next = waiting(t, w, holds.get(w.task()), now);
            if (next != null) {
                waiting.add(new TaskWrite(t, next));
            }
        }
        return new Decisions(bindings, waiting);
    }

    private static Binding bind(LiveTask t, Assignment a, Instant now) {
        SectorTaskStatus st = t.task().getStatus();
        SectorTaskStatus next = t.statusCopy();
        int attempt = st == null || st.attempt == null ? 1 : st.attempt;
        String queuedSince = st != null && st.retryAfter != null ? st.retryAfter : t.raw().getMetadata().getCreationTimestamp();
        TaskLifecycle.move(next, TaskEvent.Bound);
        next.worker = a.worker();
        next.path = a.pathId();
        next.attempt = attempt;
        next.retryAfter = null;
        new SectorTaskStatusBuilder(next, t.generation(), now).specValid()
                .bound("bound to worker " + a.worker() + (a.pathId() == null ? "" : " (path " + a.pathId() + ")")
                        + " as attempt " + attempt);
        return new Binding(t, next, queuedSince);
    }

    /** The waiting status, or null when the task's phase cannot take that event. */
    private static SectorTaskStatus waiting(LiveTask t, Waiting w, TaskReason hold, Instant now) {
        boolean blocked = w.forInput() || hold != null;
        TaskEvent event = hold == TaskReason.RetryBackoff ? TaskEvent.BackingOff
                : blocked ? TaskEvent.Blocked : TaskEvent.Queued;
        SectorTaskStatus next = t.statusCopy();
        Transition move = TaskStateMachine.next(next.phase, event);
        if (!move.allowed()) {
            return null;
        }
        next.phase = move.to();
        SectorTaskStatusBuilder status = new SectorTaskStatusBuilder(next, t.generation(), now).specValid();
        return (hold != null ? status.waiting(hold, w.reason()) : status.waiting(w.code(), w.reason())).status();
    }
}
