package io.sealfleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.TaskPhase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskStateMachineTest {
    /** Every allowed (phase, event), written out by hand; everything else must be refused. */
    private static final Map<String, String> ALLOWED = new HashMap<>();

    static {
        for (String queued : new String[] {"Pending", "Waiting", "Backoff"}) {
            allow(queued, "Queued", "Pending");
            allow(queued, "Blocked", "Waiting");
            allow(queued, "BackingOff", "Backoff");
            allow(queued, "Bound", "Scheduled");
        }
        for (String onWorker : new String[] {"Scheduled", "Preparing", "Running"}) {
            allow(onWorker, "AttemptRunning", "Running");
            allow(onWorker, "AttemptSucceeded", "Succeeded");
            allow(onWorker, "AttemptFailed", "Backoff+new attempt");
            allow(onWorker, "AttemptsExhausted", "Failed");
            allow(onWorker, "WorkerLost", "Pending+new attempt");
        }
        allow("Scheduled", "AttemptPreparing", "Preparing");
        allow("Preparing", "AttemptPreparing", "Preparing");
    }

    private static void allow(String from, String event, String to) {
        ALLOWED.put(from + "/" + event, to);
    }

    @Test
    void everyPhaseAndEventPairIsEitherTheListedTransitionOrARefusalWithAReason() {
        int pairs = 0;
        for (TaskPhase phase : TaskPhase.values()) {
            for (TaskEvent event : TaskEvent.values()) {
                pairs++;
                Transition t = TaskStateMachine.next(phase, event);
                String expected = ALLOWED.get(phase + "/" + event);
                assertThat(t.from()).isEqualTo(phase);
                assertThat(t.event()).isEqualTo(event);
                if (expected == null) {
                    assertThat(t.allowed()).as(phase + " + " + event + " is refused").isFalse();
                    assertThat(t.refusal()).as(phase + " + " + event).isNotBlank();
                    assertThat(t.to()).isNull();
                } else {
                    assertThat(t.allowed()).as(phase + " + " + event + ": " + t.refusal()).isTrue();
                    assertThat(t.to() + (t.newAttempt() ? "+new attempt" : "")).as(phase + " + " + event).isEqualTo(expected);
                }
            }
        }
        assertThat(pairs).isEqualTo(TaskPhase.values().length * TaskEvent.values().length);
    }

    @Test
    void withinOneAttemptNoTransitionMovesThePhaseBack() {
        for (TaskPhase phase : TaskPhase.values()) {
            for (TaskEvent event : TaskEvent.values()) {
                Transition t = TaskStateMachine.next(phase, event);
                if (t.allowed() && !t.newAttempt()) {
                    assertThat(PhaseOrder.rank(t.to())).as(phase + " + " + event + " -> " + t.to()).isGreaterThanOrEqualTo(PhaseOrder.rank(phase));
                }
            }
        }
    }

    @Test
    void aRestartedAgentReportingPreparingForARunningAttemptIsRefused() {
        Transition t = TaskStateMachine.next(TaskPhase.Running, TaskEvent.AttemptPreparing);
        assertThat(t.allowed()).isFalse();
        assertThat(t.refusal()).contains("never goes back");
    }

    @Test
    void aFailedAttemptThatWillBeRetriedIsBackoffNotFailed() {
        assertThat(TaskStateMachine.next(TaskPhase.Running, TaskEvent.AttemptFailed).to()).isEqualTo(TaskPhase.Backoff);
        assertThat(TaskStateMachine.next(TaskPhase.Running, TaskEvent.AttemptsExhausted).to()).isEqualTo(TaskPhase.Failed);
    }

    @Test
    void finishedTasksRefuseEveryEvent() {
        for (TaskEvent event : TaskEvent.values()) {
            assertThat(TaskStateMachine.next(TaskPhase.Succeeded, event).allowed()).isFalse();
            assertThat(TaskStateMachine.next(TaskPhase.Failed, event).allowed()).isFalse();
        }
    }

    @Test
    void aTaskWithoutAPhaseIsPending() {
        assertThat(TaskStateMachine.next(null, TaskEvent.Bound).to()).isEqualTo(TaskPhase.Scheduled);
        assertThat(TaskStateMachine.next(null, TaskEvent.AttemptSucceeded).allowed()).isFalse();
    }
}
