package io.sealfleet.lifecycle;

import static io.sealfleet.api.TaskPhase.Backoff;
import static io.sealfleet.api.TaskPhase.Failed;
import static io.sealfleet.api.TaskPhase.Pending;
import static io.sealfleet.api.TaskPhase.Preparing;
import static io.sealfleet.api.TaskPhase.Running;
import static io.sealfleet.api.TaskPhase.Scheduled;
import static io.sealfleet.api.TaskPhase.Succeeded;
import static io.sealfleet.api.TaskPhase.Waiting;

import io.sealfleet.api.TaskPhase;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every phase change of a SectorTask, in one table: (phase, event) → phase, or a refusal. The
 * operator is the only writer of {@code status.phase} and moves it only through {@link #next}.
 *
 * <p>Within one attempt the phase only moves forward (Scheduled → Preparing → Running → Succeeded);
 * an agent that restarts and reports Preparing again for an attempt already Running is refused, so
 * no watcher ever sees a phase go back. Going back to the queue (Pending, Backoff) always starts a
 * new attempt. Succeeded and Failed are final.
 */
public final class TaskStateMachine {
    private static final Map<TaskPhase, Map<TaskEvent, Transition>> TABLE = table();

    private TaskStateMachine() {
    }

    /** The transition for an event in a phase; a task without a phase yet counts as Pending. */
    public static Transition next(TaskPhase phase, TaskEvent event) {
        TaskPhase from = phase == null ? Pending : phase;
        return TABLE.get(from).get(event);
    }

    private static Map<TaskPhase, Map<TaskEvent, Transition>> table() {
        Map<TaskPhase, Map<TaskEvent, Transition>> t = new EnumMap<>(TaskPhase.class);
        for (TaskPhase from : TaskPhase.values()) {
            Map<TaskEvent, Transition> row = new EnumMap<>(TaskEvent.class);
            for (TaskEvent e : TaskEvent.values()) {
                row.put(e, decide(from, e));
            }
            t.put(from, row);
        }
        return t;
    }

    private static Transition decide(TaskPhase from, TaskEvent e) {
        if (from.isFinished()) {
            return Transition.refused(from, e, "the task is " + from + ", which is final");
        }
        if (from.isQueued()) {
            return switch (e) {
                case Queued -> Transition.to(from, e, Pending, false);
                case Blocked -> Transition.to(from, e, Waiting, false);
                case BackingOff -> Transition.to(from, e, Backoff, false);
                case Bound -> Transition.to(from, e, Scheduled, false);
                case AttemptPreparing, AttemptRunning, AttemptSucceeded, AttemptFailed, AttemptsExhausted ->
                        Transition.refused(from, e, "the task is not bound to a worker, so no attempt can report");
                case WorkerLost -> Transition.refused(from, e, "the task is not on a worker");
            };
        }
        // On a worker: Scheduled, Preparing or Running.
        return switch (e) {
            case Queued, Blocked, BackingOff -> Transition.refused(from, e,
                    "the task is bound to a worker; only the end of its attempt or the loss of the worker frees it");
            case Bound -> Transition.refused(from, e, "the task is already bound to a worker");
            case AttemptPreparing -> from == Running
                    ? Transition.refused(from, e, "the attempt is already Running; a phase never goes back within an attempt")
                    : Transition.to(from, e, Preparing, false);
            case AttemptRunning -> Transition.to(from, e, Running, false);
            case AttemptSucceeded -> Transition.to(from, e, Succeeded, false);
            case AttemptFailed -> Transition.to(from, e, Backoff, true);
            case AttemptsExhausted -> Transition.to(from, e, Failed, false);
            case WorkerLost -> Transition.to(from, e, Pending, true);
        };
    }
}
