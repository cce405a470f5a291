package io.sealfleet.lifecycle;

import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.AttemptReport;
import io.sealfleet.api.AttemptStage;
import io.sealfleet.api.RetryPolicy;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.controller.Conditions;
import io.sealfleet.lifecycle.TaskDecision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * Decides what happens to a task on a worker since the last pass, without a client: the loss of
 * its worker, or the agent's report on the current attempt. Every phase change goes through
 * {@link TaskStateMachine}; the caller writes the returned status and records its event.
 */
public final class TaskLifecycle {
    /** What the pass knows about the worker a task is bound to. */
    public record WorkerState(boolean lost, String why) {
        public static final WorkerState PRESENT = new WorkerState(false, null);

        public static WorkerState gone(String worker) {
            return new WorkerState(true, "worker " + worker + " no longer exists");
        }

        public static WorkerState lost(String worker, String message) {
            return new WorkerState(true, "worker " + worker + " was lost (" + message + ")");
        }
    }

    private final Instant now;
    private final UnaryOperator<SectorTaskStatus> copy;

    /** @param copy a deep copy of a status (null gives an empty one), so the decider never changes what it read */
    public TaskLifecycle(Instant now, UnaryOperator<SectorTaskStatus> copy) {
        this.now = now;
        this.copy = copy;
    }

    public TaskDecision decide(SectorTask task, WorkerState worker) {
        SectorTaskStatus st = task.getStatus();
        if (st == null || st.phase == null || !st.phase.isOnWorker()) {
            return TaskDecision.NOTHING;
        }
        if (worker.lost()) {
            return requeue(task, worker.why());
        }
        AttemptReport report = st.report;
        if (report == null || report.stage == null || !report.isAbout(st.attempt, st.worker)) {
            return TaskDecision.NOTHING;
        }
        return switch (report.stage) {
            case Preparing, Running -> progressed(task, report);
            case Succeeded -> succeeded(task, report);
            case Failed -> failed(task, report);
        };
    }

    /**
     * Moves the status's phase by the state machine; a transition that starts a new attempt also
     * takes the task off its worker. Callers only send events the phase allows.
     */
    public static void move(SectorTaskStatus next, TaskEvent event) {
        Transition t = TaskStateMachine.next(next.phase, event);
        if (!t.allowed()) {
            throw new IllegalStateException(t.refusal());
        }
        next.phase = t.to();
        if (t.newAttempt()) {
            next.attempt = (next.attempt == null ? 1 : next.attempt) + 1;
            next.worker = null;
            next.path = null;
            next.startTime = null;
            next.finishTime = null;
            next.progress = null;
        }
    }

    private TaskDecision progressed(SectorTask task, AttemptReport report) {
        SectorTaskStatus st = task.getStatus();
        TaskEvent event = report.stage == AttemptStage.Preparing ? TaskEvent.AttemptPreparing : TaskEvent.AttemptRunning;
        Transition t = TaskStateMachine.next(st.phase, event);
        SectorTaskStatus next = copy.apply(st);
        if (t.allowed()) {
            next.phase = t.to();
        }
        next.startTime = report.startTime != null ? report.startTime : st.startTime;
        next.progress = report.progress;
        next.observedGeneration = generation(task);
        return TaskDecision.write(next, Outcome.PROGRESSED);
    }

    private TaskDecision succeeded(SectorTask task, AttemptReport report) {
        SectorTaskStatus st = task.getStatus();
        SectorTaskStatus next = copy.apply(st);
        move(next, TaskEvent.AttemptSucceeded);
        next.outputs = report.outputs;
        next.progress = 100;
        next.startTime = report.startTime != null ? report.startTime : st.startTime;
        next.finishTime = report.finishTime != null ? report.finishTime : Conditions.time(now);
        new SectorTaskStatusBuilder(next, generation(task), now)
                .succeeded("attempt " + st.attempt + " succeeded on worker " + st.worker);
        return new TaskDecision(next, Outcome.SUCCEEDED, null, null, between(next.startTime, next.finishTime));
    }

    /** The attempt failed: retry it after the policy's backoff, or fail the task for good. */
    private TaskDecision failed(SectorTask task, AttemptReport report) {
        SectorTaskStatus st = task.getStatus();
        RetryPolicy policy = task.getSpec().retry == null ? new RetryPolicy() : task.getSpec().retry;
        int maxAttempts = policy.maxAttempts != null ? policy.maxAttempts : RetryPolicy.DEFAULT_MAX_ATTEMPTS;
        int backoff = policy.backoffSeconds != null ? policy.backoffSeconds : RetryPolicy.DEFAULT_BACKOFF_SECONDS;
        int maxBackoff = policy.maxBackoffSeconds != null ? policy.maxBackoffSeconds : RetryPolicy.DEFAULT_MAX_BACKOFF_SECONDS;
        int attempt = st.attempt == null ? 1 : st.attempt;
        int failures = (st.failures == null ? 0 : st.failures) + 1;
        String reason = report.reason == null ? TaskReason.Failed.name() : report.reason;
        String cause = reason + ": " + (report.message == null ? "no message" : report.message);
        SectorTaskStatus next = copy.apply(st);
        next.failures = failures;
        next.lastFailure = "attempt " + attempt + (st.worker == null ? "" : " on worker " + st.worker) + " failed: " + cause;
        SectorTaskStatusBuilder status = new SectorTaskStatusBuilder(next, generation(task), now);
        // A reason this operator does not know (from a newer agent) gets the retry policy, as any failure did before.
        boolean retryable = AttemptFailure.of(report.reason).map(AttemptFailure::retryable).orElse(true);
        if (failures >= maxAttempts || !retryable) {
            move(next, TaskEvent.AttemptsExhausted);
            status.failed(reason, retryable ? "failed " + failures + " of " + maxAttempts + " attempts; last: " + cause
                    : "failed for good, another attempt would fail the same way: " + cause);
            next.startTime = report.startTime != null ? report.startTime : st.startTime;
            next.finishTime = report.finishTime != null ? report.finishTime : Conditions.time(now);
            return new TaskDecision(next, Outcome.FAILED, "TaskFailed", next.message, between(next.startTime, next.finishTime));
        }
        long delay = Math.min((long) maxBackoff, (long) backoff << Math.min(30, failures - 1));
        move(next, TaskEvent.AttemptFailed);
        next.retryAfter = Conditions.time(now.plusSeconds(delay));
        status.waiting(TaskReason.RetryBackoff,
                next.lastFailure + "; attempt " + next.attempt + " of " + maxAttempts + " after " + next.retryAfter);
        return new TaskDecision(next, Outcome.RETRYING, "AttemptFailed", next.message, null);
    }

    /** Takes a task off a worker that is gone: a new attempt, queued again. */
    private TaskDecision requeue(SectorTask task, String why) {
        SectorTaskStatus next = copy.apply(task.getStatus());
        move(next, TaskEvent.WorkerLost);
        new SectorTaskStatusBuilder(next, generation(task), now)
                .waiting(TaskReason.WorkerLost, why + "; queued again as attempt " + next.attempt);
        return new TaskDecision(next, Outcome.REQUEUED, "TaskRequeued", next.message, null);
    }


    private static Long generation(SectorTask t) {
        return t.getMetadata().getGeneration();
    }

    /** The time between two RFC 3339 instants; null when either is missing or unreadable. */
    public static Duration between(String from, String to) {
        if (from == null || to == null) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
