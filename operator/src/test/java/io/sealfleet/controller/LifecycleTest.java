package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.NS;
import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.sealfleet.api.Condition;
import io.sealfleet.api.RetryPolicy;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the operator owns after binding: pipelines, retries, draining and lost workers. */
class LifecycleTest extends ClusterTestBase {
    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void succeededPipelineTaskCreatesTheSectorsNextTaskOwnedByTheFirst() {
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.bringUp("w1", "node-1");
        SectorTask ap = cluster.create(task("s7-ap", TaskType.AddPiece, 7, s -> {
            s.pipeline = true;
            s.ticket = Cluster.TICKET;
            s.deals = 2;
        }));
        cluster.awaitTaskPhase("s7-ap", TaskPhase.Scheduled);
        cluster.agent("s7-ap", TaskPhase.Running);
        cluster.agent("s7-ap", TaskPhase.Succeeded);
        cluster.awaitTaskPhase("s7-pc1", TaskPhase.Scheduled);
        SectorTask pc1 = cluster.task("s7-pc1");
        assertThat(pc1.getSpec().type).isEqualTo(TaskType.PreCommit1);
        assertThat(pc1.getSpec().ticket).isEqualTo(Cluster.TICKET);
        assertThat(pc1.getSpec().deals).isEqualTo(2);
        assertThat(pc1.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(ap.getMetadata().getUid()));
        assertThat(pc1.getMetadata().getLabels()).containsEntry(Pipelines.PIPELINE_LABEL, "s7-ap");
        assertThat(Conditions.isTrue(cluster.task("s7-ap").getStatus().conditions, Conditions.SUCCEEDED)).isTrue();

        cluster.agent("s7-pc1", TaskPhase.Running);
        cluster.agent("s7-pc1", TaskPhase.Succeeded);
        await().atMost(Cluster.WAIT).until(() -> cluster.task("s7-pc2") != null);
        // Still owned by the first task, so deleting s7-ap deletes the whole pipeline.
        assertThat(cluster.task("s7-pc2").getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(ap.getMetadata().getUid()));
    }

    @Test
    void failedAttemptIsRetriedAfterTheBackoffThenFailsForGoodKeepingTheCause() {
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.bringUp("w1", "node-1");
        cluster.create(task("pc1", TaskType.PreCommit1, 1, s -> {
            s.retry = new RetryPolicy();
            s.retry.maxAttempts = 2;
            s.retry.backoffSeconds = 60;
        }));
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        cluster.agent("pc1", TaskPhase.Running);
        cluster.agent("pc1", TaskPhase.Failed, "KernelFailed", "sealer pc1 exited 1: out of memory");

        cluster.awaitTaskPhase("pc1", TaskPhase.Backoff);
        SectorTask retrying = cluster.task("pc1");
        assertThat(retrying.getStatus().attempt).isEqualTo(2);
        assertThat(retrying.getStatus().failures).isEqualTo(1);
        assertThat(retrying.getStatus().worker).isNull();
        assertThat(retrying.getStatus().retryAfter).isEqualTo("2025-01-01T00:01:00Z");
        assertThat(retrying.getStatus().reason).isEqualTo("RetryBackoff");
        assertThat(retrying.getStatus().lastFailure)
                .isEqualTo("attempt 1 on worker w1 failed: KernelFailed: sealer pc1 exited 1: out of memory");
        assertThat(events("AttemptFailed")).hasSize(1);

        cluster.awaitPass();
        assertThat(cluster.task("pc1").getStatus().phase).isEqualTo(TaskPhase.Backoff);
        cluster.passTime(Duration.ofSeconds(61), "w1");
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        assertThat(cluster.task("pc1").getStatus().attempt).isEqualTo(2);
        assertThat(cluster.task("pc1").getStatus().retryAfter).isNull();

        cluster.agent("pc1", TaskPhase.Failed, "KernelFailed", "sealer pc1 exited 1: disk full");
        await().atMost(Cluster.WAIT).until(() ->
                Conditions.isFalse(cluster.task("pc1").getStatus().conditions, Conditions.SUCCEEDED));
        SectorTask failed = cluster.task("pc1");
        assertThat(failed.getStatus().phase).isEqualTo(TaskPhase.Failed);
        assertThat(failed.getStatus().failures).isEqualTo(2);
        assertThat(failed.getStatus().reason).isEqualTo("KernelFailed");
        assertThat(failed.getStatus().message).isEqualTo("failed 2 of 2 attempts; last: KernelFailed: sealer pc1 exited 1: disk full");
        assertThat(failed.getStatus().finishTime).isNotNull();
        assertThat(events("TaskFailed")).hasSize(1);
        cluster.awaitPass();
        assertThat(cluster.task("pc1").getStatus().phase).isEqualTo(TaskPhase.Failed);
    }

    @Test
    void pausingAWorkerDrainsIt() {
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.bringUp("w1", "node-1");
        cluster.create(task("running", TaskType.PreCommit1, 1, s -> { }));
        cluster.awaitTaskPhase("running", TaskPhase.Scheduled);
        cluster.agent("running", TaskPhase.Running);
        await().atMost(Cluster.WAIT).until(() -> "PC1(1)".equals(cluster.worker("w1").getStatus().tasks));

        client.resources(SealingWorker.class).inNamespace(NS).withName("w1").edit(w -> {
            w.getSpec().paused = true;
            return w;
        });
        cluster.awaitWorkerPhase("w1", WorkerPhase.Draining);
        cluster.create(task("new", TaskType.PreCommit1, 2, s -> { }));
        await().atMost(Cluster.WAIT).until(() -> {
            SectorTask t = cluster.task("new");
            return t.getStatus() != null && "WorkerPaused".equals(t.getStatus().reason);
        });
        assertThat(cluster.task("new").getStatus().message).isEqualTo("PC1 2KiB: 1 worker is paused (w1)");

        cluster.agent("running", TaskPhase.Succeeded);
        cluster.awaitWorkerPhase("w1", WorkerPhase.Drained);
        Condition ready = Conditions.get(cluster.worker("w1").getStatus().conditions, Conditions.READY);
        assertThat(ready.reason).isEqualTo("Drained");
        assertThat(cluster.task("new").getStatus().phase).isEqualTo(TaskPhase.Pending);
    }

    @Test
    void deletingAWorkerWaitsUntilItsTasksFinish() {
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.bringUp("w1", "node-1");
        cluster.create(task("running", TaskType.PreCommit1, 1, s -> { }));
        cluster.awaitTaskPhase("running", TaskPhase.Scheduled);
        cluster.agent("running", TaskPhase.Running);
        client.resources(SealingWorker.class).inNamespace(NS).withName("w1").delete();
        cluster.awaitWorkerPhase("w1", WorkerPhase.Draining);
        cluster.awaitPass();
        assertThat(cluster.worker("w1")).isNotNull();
        cluster.agent("running", TaskPhase.Succeeded);
        await().atMost(Cluster.WAIT).until(() -> cluster.worker("w1") == null && cluster.pod("w1") == null);
    }

    @Test
    void lostWorkersTasksAreRequeuedUnlessTheirDataIsOnlyThere() {
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.create(worker("w2", 4, "16Gi", s -> { }));
        cluster.create(task("pc1", TaskType.PreCommit1, 1, s -> { }));
        cluster.bringUp("w1", "node-1");
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        cluster.agent("pc1", TaskPhase.Running);
        // w1's agent reports that it holds sector 2's sealed and cache files (its PC1 ran there).
        cluster.retryOnConflict(() -> client.resources(SealingWorker.class).inNamespace(NS).withName("w1").editStatus(w -> {
            StoredSector s = new StoredSector();
            s.miner = "f01000";
            s.sector = 2L;
            s.files = List.of(FileType.sealed, FileType.cache);
            StoragePathStatus p = new StoragePathStatus();
            p.id = "w1-seal";
            p.sectors = List.of(s);
            SealingWorkerStatus st = w.getStatus();
            st.storage = List.of(p);
            return w;
        }));
        cluster.bringUp("w2", "node-2");
        cluster.create(task("pc2", TaskType.PreCommit2, 2, s -> { }));
        cluster.awaitTaskPhase("pc2", TaskPhase.Scheduled);
        assertThat(cluster.task("pc2").getStatus().worker).isEqualTo("w1");
        cluster.agent("pc2", TaskPhase.Running);

        // w1 stops heartbeating; w2 goes on.
        cluster.passTime(Duration.ofSeconds(31), "w2");
        cluster.awaitWorkerPhase("w1", WorkerPhase.Lost);
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        SectorTask pc1 = cluster.task("pc1");
        assertThat(pc1.getStatus().worker).isEqualTo("w2");
        assertThat(pc1.getStatus().attempt).isEqualTo(2);
        assertThat(pc1.getStatus().failures).isNull();

        cluster.awaitTaskPhase("pc2", TaskPhase.Waiting);
        SectorTask pc2 = cluster.task("pc2");
        assertThat(pc2.getStatus().reason).isEqualTo("DataOnLostWorker");
        assertThat(pc2.getStatus().message).contains("its cache files are only on lost worker w1");
        assertThat(pc2.getStatus().attempt).isEqualTo(2);
        assertThat(events("WorkerLost")).hasSize(1);
        assertThat(events("TaskRequeued")).hasSize(2);
        assertThat(Conditions.get(cluster.worker("w1").getStatus().conditions, Conditions.READY).reason)
                .isEqualTo("HeartbeatExpired");

        // The agent comes back: the worker is Ready again and the sector's next step runs where its data is.
        cluster.heartbeat("w1");
        cluster.awaitWorkerPhase("w1", WorkerPhase.Ready);
        cluster.awaitTaskPhase("pc2", TaskPhase.Scheduled);
        assertThat(cluster.task("pc2").getStatus().worker).isEqualTo("w1");
    }
}
