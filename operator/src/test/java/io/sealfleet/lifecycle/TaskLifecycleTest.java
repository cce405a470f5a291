package io.sealfleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.AttemptReport;
import io.sealfleet.api.AttemptStage;
import io.sealfleet.api.RetryPolicy;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.lifecycle.TaskDecision.Outcome;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lifecycle decider on its own: a task and what the pass saw in, the status to write out. */
class TaskLifecycleTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TaskLifecycle lifecycle = new TaskLifecycle(NOW,
            s -> s == null ? new SectorTaskStatus() : JSON.convertValue(JSON.valueToTree(s), SectorTaskStatus.class));

    private static SectorTask task(TaskPhase phase, AttemptStage reported, int reportedAttempt) {
        SectorTask t = new SectorTask();
        t.setMetadata(new ObjectMetaBuilder().withName("pc1").withNamespace("default").withGeneration(1L).build());
        SectorTaskSpec spec = new SectorTaskSpec();
        spec.type = TaskType.PreCommit1;
        spec.retry = new RetryPolicy();
        spec.retry.maxAttempts = 2;
        spec.retry.backoffSeconds = 60;
        t.setSpec(spec);
        SectorTaskStatus st = new SectorTaskStatus();
        st.phase = phase;
        st.worker = "w1";
        st.attempt = 1;
        if (reported != null) {
            st.report = new AttemptReport();
            st.report.attempt = reportedAttempt;
            st.report.worker = "w1";
            st.report.stage = reported;
            st.report.reason = AttemptFailure.KernelFailed.name();
            st.report.message = "exit 1";
        }
        t.setStatus(st);
        return t;
    }

    @Test
    void aReportOfRunningMovesAScheduledTaskToRunning() {
        TaskDecision d = lifecycle.decide(task(TaskPhase.Scheduled, AttemptStage.Running, 1), TaskLifecycle.WorkerState.PRESENT);
        assertThat(d.outcome()).isEqualTo(Outcome.PROGRESSED);
        assertThat(d.status().phase).isEqualTo(TaskPhase.Running);
    }

    @Test
    void aRestartedAgentsPreparingReportLeavesARunningTaskRunning() {
        TaskDecision d = lifecycle.decide(task(TaskPhase.Running, AttemptStage.Preparing, 1), TaskLifecycle.WorkerState.PRESENT);
        assertThat(d.status().phase).isEqualTo(TaskPhase.Running);
    }

    @Test
    void aReportAboutAnOlderAttemptIsIgnored() {
        TaskDecision d = lifecycle.decide(task(TaskPhase.Scheduled, AttemptStage.Succeeded, 0), TaskLifecycle.WorkerState.PRESENT);
        assertThat(d.outcome()).isEqualTo(Outcome.NONE);
        assertThat(d.status()).isNull();
    }

    @Test
    void aSuccessCopiesTheOutputsAndSetsTheSucceededCondition() {
        SectorTask t = task(TaskPhase.Running, AttemptStage.Succeeded, 1);
        t.getStatus().report.outputs = new TaskOutputs();
        t.getStatus().report.outputs.commD = "baga6ea4seaq";
        TaskDecision d = lifecycle.decide(t, TaskLifecycle.WorkerState.PRESENT);
        assertThat(d.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(d.status().phase).isEqualTo(TaskPhase.Succeeded);
        assertThat(d.status().outputs.commD).isEqualTo("baga6ea4seaq");
        assertThat(d.status().conditions).anyMatch(c -> c.type.equals("Succeeded") && c.status.equals("True"));
        assertThat(t.getStatus().phase).as("the decider never changes what it read").isEqualTo(TaskPhase.Running);
    }

    @Test
    void aFirstFailureBacksOffAsANewAttemptAndTheLastFailsForGood() {
        TaskDecision first = lifecycle.decide(task(TaskPhase.Running, AttemptStage.Failed, 1), TaskLifecycle.WorkerState.PRESENT);
        assertThat(first.outcome()).isEqualTo(Outcome.RETRYING);
        assertThat(first.status().phase).isEqualTo(TaskPhase.Backoff);
        assertThat(first.status().attempt).isEqualTo(2);
        assertThat(first.status().worker).isNull();
        assertThat(first.status().retryAfter).isEqualTo("2025-01-01T00:01:00Z");
        assertThat(first.eventReason()).isEqualTo("AttemptFailed");

        SectorTask again = task(TaskPhase.Running, AttemptStage.Failed, 1);
        again.getStatus().failures = 1;
        TaskDecision last = lifecycle.decide(again, TaskLifecycle.WorkerState.PRESENT);
        assertThat(last.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(last.status().phase).isEqualTo(TaskPhase.Failed);
        assertThat(last.status().message).isEqualTo("failed 2 of 2 attempts; last: KernelFailed: exit 1");
        assertThat(last.eventReason()).isEqualTo("TaskFailed");
    }

    @Test
    void aFailureNoRetryCanMendFailsTheTaskAtOnceWithAttemptsLeft() {
        SectorTask t = task(TaskPhase.Running, AttemptStage.Failed, 1);
        t.getStatus().report.reason = AttemptFailure.CommPMismatch.name();
        t.getStatus().report.message = "spec.pieces[0]: the payload's commP is baga1, the spec says baga2";
        TaskDecision d = lifecycle.decide(t, TaskLifecycle.WorkerState.PRESENT);
        assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(d.status().phase).isEqualTo(TaskPhase.Failed);
        assertThat(d.status().reason).isEqualTo("CommPMismatch");
        assertThat(d.status().message).startsWith("failed for good, another attempt would fail the same way: CommPMismatch: ");
    }

    @Test
    void aReasonTheOperatorDoesNotKnowIsRetriedLikeAnyFailure() {
        SectorTask t = task(TaskPhase.Running, AttemptStage.Failed, 1);
        t.getStatus().report.reason = "SomethingNewer";
        TaskDecision d = lifecycle.decide(t, TaskLifecycle.WorkerState.PRESENT);
        assertThat(d.outcome()).isEqualTo(Outcome.RETRYING);
        assertThat(d.status().phase).isEqualTo(TaskPhase.Backoff);
    }

    @Test
    void aTaskOnALostWorkerQueuesAgainAsANewAttemptWhateverItsReport() {
        TaskDecision d = lifecycle.decide(task(TaskPhase.Running, AttemptStage.Succeeded, 1),
                TaskLifecycle.WorkerState.lost("w1", "no heartbeat for 40s"));
        assertThat(d.outcome()).isEqualTo(Outcome.REQUEUED);
        assertThat(d.status().phase).isEqualTo(TaskPhase.Pending);
        assertThat(d.status().attempt).isEqualTo(2);
        assertThat(d.status().message).isEqualTo("worker w1 was lost (no heartbeat for 40s); queued again as attempt 2");
    }

    @Test
    void queuedAndFinishedTasksNeedNothingFromTheDecider() {
        assertThat(lifecycle.decide(task(TaskPhase.Pending, null, 1), TaskLifecycle.WorkerState.gone("w1")).outcome())
                .isEqualTo(Outcome.NONE);
        assertThat(lifecycle.decide(task(TaskPhase.Succeeded, AttemptStage.Failed, 1), TaskLifecycle.WorkerState.PRESENT)
                .outcome()).isEqualTo(Outcome.NONE);
    }
}
