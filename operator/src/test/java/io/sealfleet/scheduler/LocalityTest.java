package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.MINER;
import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.workerOf;
import static io.sealfleet.table.Bytes.GiB;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.FileType;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule: data locality — a task prefers the worker holding its inputs; copies happen only when that worker cannot take it. */
class LocalityTest {
    private static WorkerNode worker(String name) {
        return cpuWorker(name, 64, 1024).withPaths(List.of(StoragePath.sealing(name + "-nvme", 4000 * GiB)));
    }

    private static SectorLocation on(String worker, long sector, FileType... files) {
        return new SectorLocation(new SectorRef(MINER, sector), worker + "-nvme", Set.of(files));
    }

    private static SchedulingPlan plan(List<WorkerNode> workers, List<TaskRequest> q, List<PlacedTask> placed, List<SectorLocation> locs) {
        return new Scheduler().plan(new ClusterState(workers, q, placed, locs, Map.of()));
    }

    @Test
    void preCommit2GoesToTheWorkerHoldingCacheAndSealedEvenWhenItIsBusier() {
        List<PlacedTask> running = List.of(new PlacedTask(task("busy", TaskType.PreCommit1, SectorSize.S32GiB, 50), "b", Stage.RUNNING, "b-nvme"));
        SchedulingPlan p = plan(List.of(worker("a"), worker("b")), List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)),
                running, List.of(on("b", 1, FileType.cache, FileType.sealed)));
        assertThat(workerOf(p, "pc2")).isEqualTo("b");
        assertThat(p.assignments().get(0).pathId()).isNull();
    }

    @Test
    void preCommit1PrefersTheWorkerWithTheUnsealedData() {
        SchedulingPlan p = plan(List.of(worker("a"), worker("b")), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)),
                List.of(), List.of(on("b", 1, FileType.unsealed)));
        assertThat(workerOf(p, "pc1")).isEqualTo("b");
    }

    @Test
    void whenTheHolderCannotTakeTheTaskInThisPassAnotherWorkerCopiesTheData() {
        List<PlacedTask> bound = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bound.add(new PlacedTask(task("old" + i, TaskType.PreCommit2, SectorSize.S32GiB, 100 + i), "b", Stage.ASSIGNED, null));
        }
        SchedulingPlan p = plan(List.of(worker("a"), worker("b")), List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)),
                bound, List.of(on("b", 1, FileType.cache, FileType.sealed)));
        assertThat(workerOf(p, "pc2")).isEqualTo("a");
        assertThat(p.assignments().get(0).pathId()).isEqualTo("a-nvme");
    }

    @Test
    void commit1RunsOnlyWhereTheSectorIs() {
        WorkerNode holder = worker("b").withTasks(Set.of(TaskType.PreCommit1)).withNotReady("phase Lost");
        SchedulingPlan p = plan(List.of(worker("a"), holder), List.of(task("c1", TaskType.Commit1, SectorSize.S32GiB, 1)),
                List.of(), List.of(on("b", 1, FileType.cache, FileType.sealed)));
        assertThat(p.assignments()).isEmpty();
        assertThat(reasonOf(p, "c1")).isEqualTo(
                "C1 32GiB: sector files on b (Commit1 runs only where they are); 1 worker is not ready (b: phase Lost)");
    }

    @Test
    void finalizeRunsOnTheHolder() {
        StoragePath store = new StoragePath("store", false, true, 10, 100_000 * GiB, List.of(), null);
        WorkerNode a = worker("a").withPaths(List.of(StoragePath.sealing("a-nvme", 4000 * GiB), store));
        WorkerNode b = worker("b").withPaths(List.of(StoragePath.sealing("b-nvme", 4000 * GiB), store));
        SchedulingPlan p = plan(List.of(a, b), List.of(task("fin", TaskType.Finalize, SectorSize.S32GiB, 1)),
                List.of(), List.of(on("b", 1, FileType.cache, FileType.sealed)));
        assertThat(workerOf(p, "fin")).isEqualTo("b");
    }

    @Test
    void fetchCopiesTheSectorToAWorkerThatDoesNotHoldIt() {
        SchedulingPlan p = plan(List.of(worker("a"), worker("b")), List.of(task("get", TaskType.Fetch, SectorSize.S32GiB, 1)),
                List.of(), List.of(on("a", 1, FileType.cache, FileType.sealed)));
        assertThat(workerOf(p, "get")).isEqualTo("b");
    }

    @Test
    void withoutAnyKnownLocationEveryCapableWorkerIsACandidate() {
        SchedulingPlan p = plan(List.of(worker("a"), worker("b")), List.of(task("c1", TaskType.Commit1, SectorSize.S32GiB, 1)),
                List.of(), List.of());
        assertThat(workerOf(p, "c1")).isEqualTo("a");
    }
}
