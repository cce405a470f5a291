package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.controller.WorkerPodDecider.Action;
import io.sealfleet.controller.WorkerPodDecider.PodChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerPodDeciderTest {
    private static final String IMAGE = "sealfleet/worker:test";

    private static SealingWorker held(int cpu) {
        SealingWorker w = worker("w1", cpu, "16Gi", s -> { });
        w.getMetadata().setUid("uid-w1");
        w.getMetadata().setFinalizers(new ArrayList<>(List.of("other.example/keep", WorkerPodDecider.FINALIZER)));
        return w;
    }

    private static SealingWorker deleted(SealingWorker w) {
        w.getMetadata().setDeletionTimestamp("2025-01-01T00:00:00Z");
        return w;
    }

    private static PodChange decide(SealingWorker w, boolean valid, Pod pod, int onWorker) {
        return WorkerPodDecider.decide(w.getMetadata(), w, valid, pod, onWorker, IMAGE, null);
    }

    private static Pod podOf(SealingWorker w) {
        return WorkerPods.desired(w, IMAGE, null);
    }

    @Test
    void aWorkerWithoutTheFinalizerGetsItBeforeAnyPod() {
        SealingWorker w = worker("w1", 4, "16Gi", s -> { });
        assertThat(decide(w, true, null, 0).action()).isEqualTo(Action.ADD_FINALIZER);
    }

    @Test
    void aHeldValidWorkerWithoutAPodGetsTheDesiredPod() {
        SealingWorker w = held(4);
        PodChange c = decide(w, true, null, 0);
        assertThat(c.action()).isEqualTo(Action.CREATE);
        assertThat(c.desired().getMetadata().getName()).isEqualTo(WorkerPods.podName("w1"));
    }

    @Test
    void anInvalidWorkerGetsNoPod() {
        assertThat(decide(held(4), false, null, 0).action()).isEqualTo(Action.NONE);
    }

    @Test
    void aPodThatMatchesTheSpecIsLeftAlone() {
        SealingWorker w = held(4);
        assertThat(decide(w, true, podOf(w), 3).action()).isEqualTo(Action.NONE);
    }

    @Test
    void anOutdatedPodIsReplacedOnlyWhileNoTaskIsOnTheWorker() {
        Pod old = podOf(held(4));
        SealingWorker changed = held(8);
        assertThat(decide(changed, true, old, 0).action()).isEqualTo(Action.REPLACE);
        PodChange busy = decide(changed, true, old, 2);
        assertThat(busy.action()).isEqualTo(Action.OUTDATED);
        assertThat(busy.message()).contains("replaced once the tasks on the worker finish");
    }

    @Test
    void anOutdatedPodAlreadyGoingIsNotDeletedAgain() {
        Pod old = podOf(held(4));
        old.getMetadata().setDeletionTimestamp("2025-01-01T00:00:00Z");
        assertThat(decide(held(8), true, old, 0).action()).isEqualTo(Action.NONE);
    }

    @Test
    void aDeletedWorkerIsHeldWhileTasksAreOnItAndReleasedWithItsPodOnceDrained() {
        SealingWorker w = deleted(held(4));
        Pod pod = podOf(w);
        assertThat(decide(w, true, pod, 1).action()).isEqualTo(Action.DRAIN);
        PodChange release = decide(w, true, pod, 0);
        assertThat(release.action()).isEqualTo(Action.RELEASE);
        assertThat(release.pod()).isSameAs(pod);
    }

    @Test
    void aDeletedWorkerThatDoesNotParseIsStillReleased() {
        SealingWorker w = deleted(held(4));
        assertThat(WorkerPodDecider.decide(w.getMetadata(), null, false, null, 0, IMAGE, null).action())
                .isEqualTo(Action.RELEASE);
    }

    @Test
    void aDeletedWorkerWithoutOurFinalizerIsNotOursToRelease() {
        SealingWorker w = deleted(worker("w1", 4, "16Gi", s -> { }));
        assertThat(decide(w, true, null, 0).action()).isEqualTo(Action.NONE);
    }
}
