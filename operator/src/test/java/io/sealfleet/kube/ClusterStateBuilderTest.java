package io.sealfleet.kube;

import static io.sealfleet.table.Bytes.GiB;
import static io.sealfleet.table.Bytes.TiB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.scheduler.ClusterState;
import io.sealfleet.scheduler.PlacedTask;
import io.sealfleet.scheduler.Stage;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rule: the scheduler sees the API objects as the operator and plan define it. */
class ClusterStateBuilderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static SealingWorker worker(String yaml) throws Exception {
        SealingWorker w = YAML.readValue(yaml, SealingWorker.class);
        w.getMetadata().setNamespace("default");
        return w;
    }

    private static SectorTask task(String yaml) throws Exception {
        SectorTask t = YAML.readValue(yaml, SectorTask.class);
        t.getMetadata().setNamespace("default");
        return t;
    }

    private static final String TICKET = "\"0101010101010101010101010101010101010101010101010101010101010101\"";

    @Test
    void statusCapacityWinsOverSpecResources() throws Exception {
        ClusterState s = new ClusterStateBuilder(NOW).worker(worker("""
                metadata: {name: w1}
                spec: {resources: {cpu: 64, memory: 512Gi}}
                status: {phase: Ready, capacity: {cpu: 32, memory: 256Gi, swap: 64Gi, gpus: 1, gpuProduct: NVIDIA-A100-SXM4-80GB, gpuMemoryMiB: 81920}}
                """)).build();
        WorkerNode w = s.workers().get(0);
        assertThat(w.capacity().cpus()).isEqualTo(32);
        assertThat(w.capacity().memory()).isEqualTo(256 * GiB);
        assertThat(w.capacity().swap()).isEqualTo(64 * GiB);
        assertThat(w.capacity().gpuProduct()).isEqualTo("NVIDIA-A100-SXM4-80GB");
        assertThat(w.notReady()).isNull();
    }

    @Test
    void workerWithoutKnownCapacityTakesNothingAndSaysWhy() throws Exception {
        WorkerNode w = new ClusterStateBuilder(NOW).worker(worker("metadata: {name: w1}\nspec: {}\n")).build().workers().get(0);
        assertThat(w.notReady()).startsWith("capacity unknown: set spec.resources.cpu and spec.resources.memory");
    }

    @Test
    void lostWorkerIsNotReadyButDrainingStillHandsOff() throws Exception {
        WorkerNode lost = new ClusterStateBuilder(NOW).worker(worker("""
                metadata: {name: w1}
                spec: {resources: {cpu: 8, memory: 64Gi}}
                status: {phase: Lost}
                """)).build().workers().get(0);
        assertThat(lost.notReady()).isEqualTo("phase Lost");
        WorkerNode draining = new ClusterStateBuilder(NOW).worker(worker("""
                metadata: {name: w1}
                spec: {resources: {cpu: 8, memory: 64Gi}, paused: true}
                status: {phase: Draining}
                """)).build().workers().get(0);
        assertThat(draining.notReady()).isNull();
        assertThat(draining.accepts(TaskType.Finalize)).isTrue();
        assertThat(draining.accepts(TaskType.PreCommit1)).isFalse();
    }

    @Test
    void maxStorageIsTheFreeSpaceUntilTheAgentReportsIt() throws Exception {
        ClusterState unreported = new ClusterStateBuilder(NOW).worker(worker("""
                metadata: {name: w1}
                spec:
                  resources: {cpu: 8, memory: 64Gi}
                  storage: [{id: nvme, hostPath: /nvme, canSeal: true, maxStorage: 4Ti}]
                """)).build();
        assertThat(unreported.workers().get(0).paths().get(0).availableBytes()).isEqualTo(4 * TiB);
        ClusterState reported = new ClusterStateBuilder(NOW).worker(worker("""
                metadata: {name: w1}
                spec:
                  resources: {cpu: 8, memory: 64Gi}
                  storage: [{id: nvme, hostPath: /nvme, canSeal: true, maxStorage: 4Ti}]
                status:
                  storage:
                    - id: nvme
                      availableBytes: 1000
                      sectors: [{miner: f01000, sector: 7, files: [cache, sealed]}]
                """)).build();
        assertThat(reported.workers().get(0).paths().get(0).availableBytes()).isEqualTo(1000);
        assertThat(reported.locations()).singleElement().satisfies(l -> {
            assertThat(l.pathId()).isEqualTo("nvme");
            assertThat(l.sector().number()).isEqualTo(7);
            assertThat(l.files()).containsExactlyInAnyOrder(FileType.cache, FileType.sealed);
        });
    }

    @Test
    void explicitTaskListKeepsTheHandOffTypes() throws Exception {
        WorkerNode w = new ClusterStateBuilder(NOW).worker(worker("""
                metadata: {name: w1}
                spec: {resources: {cpu: 8, memory: 64Gi}, tasks: [PreCommit1]}
                """)).build().workers().get(0);
        assertThat(w.accepts(TaskType.PreCommit1)).isTrue();
        assertThat(w.accepts(TaskType.Commit1)).isTrue();
        assertThat(w.accepts(TaskType.PreCommit2)).isFalse();
    }

    @Test
    void taskStatusDecidesQueuedBoundPreparingRunningOrIgnored() throws Exception {
        String spec = "spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: PreCommit1, ticket: " + TICKET + "}\n";
        ClusterState s = new ClusterStateBuilder(NOW)
                .task(task("metadata: {name: queued}\n" + spec))
                .task(task("metadata: {name: bound}\n" + spec + "status: {phase: Scheduled, worker: w1, path: nvme}\n"))
                .task(task("metadata: {name: prep}\n" + spec + "status: {phase: Preparing, worker: w1}\n"))
                .task(task("metadata: {name: run}\n" + spec + "status: {worker: w2}\n"))
                .task(task("metadata: {name: done}\n" + spec + "status: {phase: Succeeded, worker: w1}\n"))
                .build();
        assertThat(s.queue()).extracting(t -> t.id()).containsExactly("default/queued");
        assertThat(s.placed()).extracting(PlacedTask::stage).containsExactly(Stage.ASSIGNED, Stage.PREPARING, Stage.RUNNING);
        assertThat(s.placed().get(0).pathId()).isEqualTo("nvme");
    }

    @Test
    void commit1WithoutSeedAndATaskInBackoffAreBlocked() throws Exception {
        ClusterState s = new ClusterStateBuilder(NOW)
                .task(task("metadata: {name: c1}\nspec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: Commit1, ticket: " + TICKET + "}\n"))
                .task(task("metadata: {name: retry}\nspec: {miner: f01000, sector: 2, sectorSize: 2KiB, type: AddPiece}\n"
                        + "status: {phase: Pending, attempt: 2, retryAfter: '2026-11-21T12:05:00Z'}\n"))
                .task(task("metadata: {name: due}\nspec: {miner: f01000, sector: 3, sectorSize: 2KiB, type: AddPiece}\n"
                        + "status: {phase: Pending, attempt: 2, retryAfter: '2026-11-21T11:55:00Z'}\n"))
                .build();
        assertThat(s.queue()).filteredOn(t -> t.id().equals("default/c1")).singleElement()
                .satisfies(t -> assertThat(t.blockedBy()).contains("spec.seed"));
        assertThat(s.queue()).filteredOn(t -> t.id().equals("default/retry")).singleElement()
                .satisfies(t -> assertThat(t.blockedBy()).isEqualTo("attempt 2 failed; retrying after 2026-11-21T12:05:00Z"));
        assertThat(s.queue()).filteredOn(t -> t.id().equals("default/due")).singleElement()
                .satisfies(t -> assertThat(t.blockedBy()).isNull());
    }

    @Test
    void taskPriorityAndDealsReachTheScheduler() throws Exception {
        ClusterState s = new ClusterStateBuilder(NOW).task(task("""
                metadata: {name: ap}
                spec: {miner: f01000, sector: 9, sectorSize: 32GiB, type: AddPiece, deals: 3, priority: -1, gpu: {products: [X], minMemoryMiB: 100}}
                """)).build();
        assertThat(s.queue().get(0).priority()).isEqualTo(-1);
        assertThat(s.queue().get(0).deals()).isEqualTo(3);
        assertThat(s.queue().get(0).gpu().minMemoryMiB()).isEqualTo(100);
    }
}
