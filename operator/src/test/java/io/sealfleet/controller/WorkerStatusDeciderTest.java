package io.sealfleet.controller;

import static io.sealfleet.controller.DeciderFixtures.NOW;
import static io.sealfleet.controller.DeciderFixtures.NS;
import static io.sealfleet.controller.DeciderFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.WorkerCapacity;
import io.sealfleet.api.WorkerPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker status decider on its own: an assessment and the tasks on the worker in, the status out. */
class WorkerStatusDeciderTest {

    @Test
    void aReadyWorkerKeepsItsPhaseAndReadyCondition() {
        WorkerAssessment w = worker("w1", WorkerPhase.Ready);

        WorkerStatusDecider.WorkerChange c = WorkerStatusDecider.decide(w, null, List.of(), NS, NOW);

        assertThat(c.phase()).isEqualTo(WorkerPhase.Ready);
        assertThat(c.status().observedGeneration).isEqualTo(2L);
        Condition ready = Conditions.get(c.status().conditions, Conditions.READY);
        assertThat(ready.status).isEqualTo(Conditions.TRUE);
        assertThat(ready.reason).isEqualTo("Heartbeating");
        assertThat(c.lostMessage()).isNull();
        assertThat(c.sample()).as("no sample for a worker the scheduler did not see").isNull();
    }

    @Test
    void aPausedWorkerDrainsWhileTasksAreOnItAndIsDrainedAfter() {
        WorkerAssessment w = worker("w1", WorkerPhase.Ready);
        w.worker.getSpec().paused = true;

        WorkerStatusDecider.WorkerChange busy = WorkerStatusDecider.decide(w, null, List.of(new SectorTask()), NS, NOW);
        WorkerStatusDecider.WorkerChange idle = WorkerStatusDecider.decide(w, null, List.of(), NS, NOW);

        assertThat(busy.phase()).isEqualTo(WorkerPhase.Draining);
        assertThat(Conditions.get(busy.status().conditions, Conditions.READY).message)
                .isEqualTo("paused: takes no new sealing work; 1 task(s) still on the worker");
        assertThat(idle.phase()).isEqualTo(WorkerPhase.Drained);
        assertThat(Conditions.get(idle.status().conditions, Conditions.READY).reason).isEqualTo("Drained");
    }

    @Test
    void theWorkerLostEventGoesOnlyWithTheChangeIntoLost() {
        WorkerAssessment fresh = worker("w1", WorkerPhase.Ready);
        fresh.alive = false;
        fresh.livePhase = WorkerPhase.Lost;
        fresh.readyReason = WorkerReason.HeartbeatExpired;
        fresh.readyMessage = "no heartbeat for 40s";
        WorkerAssessment already = worker("w2", WorkerPhase.Lost);
        already.alive = false;
        already.livePhase = WorkerPhase.Lost;
        already.readyMessage = "no heartbeat for 80s";

        assertThat(WorkerStatusDecider.decide(fresh, null, List.of(), NS, NOW).lostMessage()).isEqualTo("no heartbeat for 40s");
        assertThat(WorkerStatusDecider.decide(already, null, List.of(), NS, NOW).lostMessage()).isNull();
    }

    @Test
    void thePodIsLabelledWithTheGpuProductOnlyWhenItLacksTheLabel() {
        WorkerAssessment w = worker("w1", WorkerPhase.Ready);
        w.capacity = new WorkerCapacity();
        w.capacity.gpuProduct = "NVIDIA H100 80GB HBM3";
        w.pod = new PodBuilder().withNewMetadata().withName("sealfleet-worker-w1").endMetadata().build();

        WorkerStatusDecider.PodLabel label = WorkerStatusDecider.decide(w, null, List.of(), NS, NOW).label();
        assertThat(label.pod()).isEqualTo("sealfleet-worker-w1");
        assertThat(label.value()).isEqualTo(WorkerPods.labelValue("NVIDIA H100 80GB HBM3"));

        w.pod.getMetadata().setLabels(java.util.Map.of(WorkerPods.GPU_PRODUCT_LABEL, label.value()));
        assertThat(WorkerStatusDecider.decide(w, null, List.of(), NS, NOW).label()).isNull();
    }
}
