package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.NS;
import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.table.TaskType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scheduler's rules end to end: the operator binds what the core decides and says why the rest waits. */
class SchedulingTest extends ClusterTestBase {
    private List<SectorTask> tasks() {
        return client.resources(SectorTask.class).inNamespace(NS).list().getItems();
    }

    private Map<String, String> workerOf() {
        return tasks().stream().filter(t -> t.getStatus() != null && t.getStatus().phase == TaskPhase.Scheduled)
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t.getStatus().worker));
    }

    @Test
    void idleWorkerReceivesTwoWindowsWorthAndTheRestWaitWithTheReasonInTheirCondition() {
        // The core's WindowsTest scenario: a 2-core worker takes 4 one-thread PC1s in a pass, the other 3 wait.
        cluster.create(worker("w1", 2, "8Gi", s -> { }));
        for (int i = 0; i < 7; i++) {
            cluster.create(task("pc1-" + i, TaskType.PreCommit1, i, s -> { }));
        }
        cluster.bringUp("w1", "node-1");
        await().atMost(Cluster.WAIT).until(() -> workerOf().size() == 4);
        cluster.awaitTaskPhase("pc1-6", TaskPhase.Pending);
        cluster.awaitPass();
        assertThat(workerOf()).containsOnlyKeys("pc1-0", "pc1-1", "pc1-2", "pc1-3").containsValue("w1");
        SectorTask waiting = cluster.task("pc1-4");
        Condition scheduled = Conditions.get(waiting.getStatus().conditions, Conditions.SCHEDULED);
        assertThat(scheduled.status).isEqualTo("False");
        // After the binding pass both windows hold unstarted tasks, so later passes say so.
        assertThat(scheduled.reason).isEqualTo("WindowsFull");
        assertThat(scheduled.message)
                .isEqualTo("PC1 2KiB: 1 worker has both scheduling windows holding tasks that have not started (w1)");
        assertThat(waiting.getStatus().reason).isEqualTo("WindowsFull");
        SectorTask bound = cluster.task("pc1-0");
        assertThat(bound.getStatus().attempt).isEqualTo(1);
        assertThat(bound.getStatus().path).isEqualTo("w1-seal");
        assertThat(Conditions.get(bound.getStatus().conditions, Conditions.SCHEDULED).reason).isEqualTo("Bound");
        assertThat(cluster.worker("w1").getStatus().pools.assigned).hasSize(4);
    }

    @Test
    void queueOrderPutsSectorsWithMoreDealsFirst() {
        // One core: each window holds one PC1, so one pass binds two; the two with most deals win.
        cluster.create(worker("w1", 1, "8Gi", s -> { }));
        cluster.create(task("cc", TaskType.PreCommit1, 1, s -> { }));
        cluster.create(task("one-deal", TaskType.PreCommit1, 2, s -> s.deals = 1));
        cluster.create(task("three-deals", TaskType.PreCommit1, 3, s -> s.deals = 3));
        cluster.create(task("urgent", TaskType.PreCommit1, 4, s -> s.priority = -1));
        cluster.bringUp("w1", "node-1");
        await().atMost(Cluster.WAIT).until(() -> workerOf().size() == 2);
        cluster.awaitPass();
        assertThat(workerOf()).containsOnlyKeys("urgent", "three-deals");
    }

    @Test
    void waitingConditionChangesWithTheReasonButNotOnEveryPass() {
        cluster.create(task("c1", TaskType.Commit1, 7, s -> s.seed = null));
        cluster.awaitTaskPhase("c1", TaskPhase.Waiting);
        SectorTask t = cluster.task("c1");
        Condition c = Conditions.get(t.getStatus().conditions, Conditions.SCHEDULED);
        assertThat(c.reason).isEqualTo("WaitingForSeed");
        assertThat(c.message).contains("waiting for spec.seed");
        String version = t.getMetadata().getResourceVersion();
        cluster.awaitPass();
        cluster.awaitPass();
        assertThat(cluster.task("c1").getMetadata().getResourceVersion()).isEqualTo(version);

        // The seed arrives but no worker exists: a new reason, a new message, the same transition time.
        client.resources(SectorTask.class).inNamespace(NS).withName("c1").edit(x -> {
            x.getSpec().seed = Cluster.SEED;
            return x;
        });
        await().atMost(Cluster.WAIT).until(() ->
                "NoWorkers".equals(Conditions.get(cluster.task("c1").getStatus().conditions, Conditions.SCHEDULED).reason));
        SectorTask after = cluster.task("c1");
        assertThat(after.getStatus().phase).isEqualTo(TaskPhase.Pending);
        assertThat(after.getStatus().observedGeneration).isEqualTo(2L);
        assertThat(Conditions.get(after.getStatus().conditions, Conditions.SCHEDULED).lastTransitionTime)
                .isEqualTo(c.lastTransitionTime);
    }

    @Test
    void gpuTaskGoesOnlyToAWorkerWhoseGpuMatches() {
        cluster.node("gpu-a", 1, "NVIDIA-GeForce-RTX-3090", 24576);
        cluster.node("gpu-b", 1, "NVIDIA-A100-SXM4-80GB", 81920);
        cluster.create(worker("rtx", 16, "64Gi", s -> {
            s.resources.gpus = 1;
            s.gpu = Cluster.gpu("NVIDIA-GeForce-RTX-3090", 0);
        }));
        cluster.create(worker("a100", 16, "64Gi", s -> {
            s.resources.gpus = 1;
            s.gpu = Cluster.gpu("NVIDIA-A100-SXM4-80GB", 0);
        }));
        cluster.create(task("pc2", TaskType.PreCommit2, 1, s -> {
            s.gpu = new io.sealfleet.api.GpuRequirement();
            s.gpu.minMemoryMiB = 40000L;
        }));
        cluster.bringUp("rtx", "gpu-a");
        cluster.bringUp("a100", "gpu-b");
        cluster.awaitTaskPhase("pc2", TaskPhase.Scheduled);
        assertThat(cluster.task("pc2").getStatus().worker).isEqualTo("a100");
        await().atMost(Cluster.WAIT).until(() -> "NVIDIA-A100-SXM4-80GB".equals(
                cluster.pod("a100").getMetadata().getLabels().get(WorkerPods.GPU_PRODUCT_LABEL)));
    }
}
