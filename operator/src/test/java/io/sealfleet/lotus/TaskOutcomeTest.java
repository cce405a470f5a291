package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.api.TaskPhase;
import org.junit.jupiter.api.Test;

/** Only a final phase ends a call: a failed attempt waiting to be retried is still under way for the miner. */
class TaskOutcomeTest {
    static SectorTask task(TaskPhase phase, TaskOutputs outputs, String reason) {
        SectorTask t = new SectorTask();
        SectorTaskStatus st = new SectorTaskStatus();
        st.phase = phase;
        st.outputs = outputs;
        st.reason = reason;
        st.message = reason == null ? null : "because";
        st.worker = "w";
        t.setStatus(st);
        return t;
    }

    @Test
    void succeededWithOutputsIsDoneAndFailedIsFinal() {
        TaskOutputs o = new TaskOutputs();
        assertThat(TaskOutcome.of(task(TaskPhase.Succeeded, o, null))).isEqualTo(new TaskOutcome.Done(o, "w"));
        assertThat(TaskOutcome.of(task(TaskPhase.Failed, null, "KernelFailed")))
                .isEqualTo(new TaskOutcome.Failed("KernelFailed", "because"));
    }

    @Test
    void backoffRunningAndNoStatusAreStillUnderWay() {
        for (TaskPhase p : new TaskPhase[] {TaskPhase.Pending, TaskPhase.Waiting, TaskPhase.Backoff, TaskPhase.Scheduled,
                TaskPhase.Preparing, TaskPhase.Running}) {
            assertThat(TaskOutcome.of(task(p, null, "RetryBackoff"))).as(p.name()).isInstanceOf(TaskOutcome.Running.class);
        }
        assertThat(TaskOutcome.of(new SectorTask())).isInstanceOf(TaskOutcome.Running.class);
    }
}
