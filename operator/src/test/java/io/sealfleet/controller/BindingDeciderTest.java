package io.sealfleet.controller;

import static io.sealfleet.controller.DeciderFixtures.NOW;
import static io.sealfleet.controller.DeciderFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.lifecycle.TaskReason;
import io.sealfleet.scheduler.Assignment;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.Waiting;
import io.sealfleet.scheduler.WaitingCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binding decider on its own: a plan and the tasks in, the statuses to write out. */
class BindingDeciderTest {

    private static Map<String, LiveTask> live(LiveTask... tasks) {
        Map<String, LiveTask> m = new java.util.LinkedHashMap<>();
        for (LiveTask t : tasks) {
            m.put(t.key(), t);
        }
        return m;
    }

    @Test
    void anAssignmentBindsTheTaskAsItsFirstAttemptWithScheduledTrue() {
        LiveTask t = task("pc1", TaskPhase.Pending);
        SchedulingPlan plan = new SchedulingPlan(List.of(new Assignment(t.key(), "w1", "fast")), List.of());

        BindingDecider.Decisions d = BindingDecider.decide(plan, live(t), Map.of(), NOW);

        assertThat(d.waiting()).isEmpty();
        assertThat(d.bindings()).hasSize(1);
        SectorTaskStatus st = d.bindings().get(0).status();
        assertThat(st.phase).isEqualTo(TaskPhase.Scheduled);
        assertThat(st.worker).isEqualTo("w1");
        assertThat(st.path).isEqualTo("fast");
        assertThat(st.attempt).isEqualTo(1);
        assertThat(st.observedGeneration).isEqualTo(3L);
        Condition scheduled = Conditions.get(st.conditions, Conditions.SCHEDULED);
        assertThat(scheduled.status).isEqualTo(Conditions.TRUE);
        assertThat(scheduled.reason).isEqualTo("Bound");
        assertThat(scheduled.message).isEqualTo("bound to worker w1 (path fast) as attempt 1");
        assertThat(d.bindings().get(0).queuedSince()).isEqualTo("2024-12-31T23:59:00Z");
        assertThat(t.task().getStatus().phase).as("the decider works on a copy").isEqualTo(TaskPhase.Pending);
    }

    @Test
    void aRetryIsBoundAsTheSameAttemptAndItsWaitCountsFromTheBackoffsEnd() {
        LiveTask t = task("pc1", TaskPhase.Backoff);
        t.task().getStatus().attempt = 2;
        t.task().getStatus().retryAfter = "2024-12-31T23:59:30Z";
        SchedulingPlan plan = new SchedulingPlan(List.of(new Assignment(t.key(), "w2", null)), List.of());

        BindingDecider.Binding b = BindingDecider.decide(plan, live(t), Map.of(), NOW).bindings().get(0);

        assertThat(b.status().attempt).isEqualTo(2);
        assertThat(b.status().retryAfter).isNull();
        assertThat(b.queuedSince()).isEqualTo("2024-12-31T23:59:30Z");
    }

    @Test
    void aWaitingTaskGetsTheSchedulersReasonAsScheduledFalse() {
        LiveTask t = task("pc1", null);
        SchedulingPlan plan = new SchedulingPlan(List.of(), List.of(new Waiting(t.key(), WaitingCode.NoWorkers, "no worker")));

        List<TaskWrite> waiting = BindingDecider.decide(plan, live(t), Map.of(), NOW).waiting();

        assertThat(waiting).hasSize(1);
        SectorTaskStatus st = waiting.get(0).status();
        assertThat(st.phase).isEqualTo(TaskPhase.Pending);
        assertThat(st.reason).isEqualTo("NoWorkers");
        Condition scheduled = Conditions.get(st.conditions, Conditions.SCHEDULED);
        assertThat(scheduled.status).isEqualTo(Conditions.FALSE);
        assertThat(scheduled.reason).isEqualTo("NoWorkers");
    }

    @Test
    void theOperatorsOwnHoldNamesTheReasonAndPicksThePhase() {
        LiveTask backoff = task("retry", TaskPhase.Backoff);
        LiveTask lost = task("lost", TaskPhase.Pending);
        SchedulingPlan plan = new SchedulingPlan(List.of(), List.of(new Waiting(backoff.key(), WaitingCode.NoWorkers, "retry later"),
                new Waiting(lost.key(), WaitingCode.WaitingForInput, "its files are on a lost worker")));
        Map<String, TaskReason> holds = Map.of(backoff.key(), TaskReason.RetryBackoff, lost.key(), TaskReason.DataOnLostWorker);

        List<TaskWrite> waiting = BindingDecider.decide(plan, live(backoff, lost), holds, NOW).waiting();

        assertThat(waiting).extracting(w -> w.status().phase).containsExactly(TaskPhase.Backoff, TaskPhase.Waiting);
        assertThat(waiting).extracting(w -> w.status().reason).containsExactly("RetryBackoff", "DataOnLostWorker");
    }

    @Test
    void aTaskAlreadyOnAWorkerIsNotMovedBackToWaiting() {
        LiveTask t = task("pc1", TaskPhase.Running);
        SchedulingPlan plan = new SchedulingPlan(List.of(), List.of(new Waiting(t.key(), WaitingCode.NoWorkers, "no worker")));

        assertThat(BindingDecider.decide(plan, live(t), Map.of(), NOW).waiting()).isEmpty();
    }

    @Test
    void aTaskThePassNoLongerKnowsIsLeftAlone() {
        SchedulingPlan plan = new SchedulingPlan(List.of(new Assignment("default/gone", "w1", null)),
                List.of(new Waiting("default/gone2", WaitingCode.NoWorkers, "no worker")));

        BindingDecider.Decisions d = BindingDecider.decide(plan, Map.of(), Map.of(), NOW);

        assertThat(d.bindings()).isEmpty();
        assertThat(d.waiting()).isEmpty();
    }
}
