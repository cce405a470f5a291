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

/**
 * Rule: storage groups and allowTo. The seed documents' setup: workers 1 and 2 run PC1+PC2 on paths
 * pinned to their own group; worker 3 runs PC1 only, and its sectors may go only to group 1.
 */
class StorageGroupsTest {
    private static final StoragePath P1 = StoragePath.sealing("p1", 4000 * GiB).withGroups(List.of("example-seal-group-1"), List.of("example-seal-group-1"));
    private static final StoragePath P2 = StoragePath.sealing("p2", 4000 * GiB).withGroups(List.of("example-seal-group-2"), List.of("example-seal-group-2"));
    private static final StoragePath P3 = StoragePath.sealing("p3", 4000 * GiB).withGroups(List.of(), List.of("example-seal-group-1"));

    private static List<WorkerNode> seedWorkers() {
        return List.of(
                cpuWorker("worker-1", 64, 1024).withTasks(Set.of(TaskType.PreCommit1, TaskType.PreCommit2)).withPaths(List.of(P1)),
                cpuWorker("worker-2", 64, 1024).withTasks(Set.of(TaskType.PreCommit1, TaskType.PreCommit2)).withPaths(List.of(P2)),
                cpuWorker("worker-3", 64, 1024).withTasks(Set.of(TaskType.PreCommit1)).withPaths(List.of(P3)));
    }

    private static SectorLocation sealedOn(String path, long sector) {
        return new SectorLocation(new SectorRef(MINER, sector), path, Set.of(FileType.cache, FileType.sealed));
    }

    private static SchedulingPlan plan(List<WorkerNode> workers, List<TaskRequest> q, List<PlacedTask> placed,
                                       List<SectorLocation> locs, Map<String, List<String>> groups) {
        return new Scheduler().plan(new ClusterState(workers, q, placed, locs, groups));
    }

    @Test
    void preCommit2OfWorker3SectorsLandsOnlyOnWorker1() {
        List<TaskRequest> q = new ArrayList<>();
        List<SectorLocation> locs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            q.add(task("pc2-" + i, TaskType.PreCommit2, SectorSize.S32GiB, i));
            locs.add(sealedOn("p3", i));
        }
        SchedulingPlan p = plan(seedWorkers(), q, List.of(), locs, Map.of());
        assertThat(p.assignments()).isNotEmpty().allSatisfy(a -> assertThat(a.worker()).isEqualTo("worker-1"));
        assertThat(reasonOf(p, "pc2-" + (p.assignments().size())))
                .contains("sector files on worker-3")
                .contains("1 worker lacks PreCommit2")
                .contains("1 worker is outside the groups the sector may be copied to: allowTo example-seal-group-1");
    }

    @Test
    void sectorsOfAPinnedWorkerStayOnItEvenWhenItIsBusy() {
        List<PlacedTask> bound = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bound.add(new PlacedTask(task("old" + i, TaskType.PreCommit2, SectorSize.S32GiB, 100 + i), "worker-1", Stage.ASSIGNED, null));
        }
        SchedulingPlan p = plan(seedWorkers(), List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)), bound,
                List.of(sealedOn("p1", 1)), Map.of());
        assertThat(p.assignments()).isEmpty();
        assertThat(reasonOf(p, "pc2")).startsWith("PC2 32GiB: sector files on worker-1;")
                .contains("both scheduling windows holding tasks that have not started (worker-1)");
    }

    @Test
    void withoutAllowToASectorMayBeCopiedToAnyGroup() {
        StoragePath open = StoragePath.sealing("p3", 4000 * GiB);
        List<WorkerNode> workers = List.of(seedWorkers().get(1), cpuWorker("worker-3", 64, 1024)
                .withTasks(Set.of(TaskType.PreCommit1)).withPaths(List.of(open)));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)), List.of(),
                List.of(sealedOn("p3", 1)), Map.of());
        assertThat(workerOf(p, "pc2")).isEqualTo("worker-2");
    }

    @Test
    void storageGroupAllowToAppliesToPathsThatSetNoneOfTheirOwn() {
        StoragePath inGroup3 = StoragePath.sealing("p3", 4000 * GiB).withGroups(List.of("g3"), null);
        List<WorkerNode> workers = new ArrayList<>(seedWorkers().subList(0, 2));
        workers.add(cpuWorker("worker-3", 64, 1024).withTasks(Set.of(TaskType.PreCommit1)).withPaths(List.of(inGroup3)));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)), List.of(),
                List.of(sealedOn("p3", 1)), Map.of("g3", List.of("example-seal-group-2")));
        assertThat(workerOf(p, "pc2")).isEqualTo("worker-2");
    }

    @Test
    void aPathsOwnAllowToWinsOverItsGroups() {
        StoragePath own = StoragePath.sealing("p3", 4000 * GiB).withGroups(List.of("g3"), List.of("example-seal-group-1"));
        List<WorkerNode> workers = new ArrayList<>(seedWorkers().subList(0, 2));
        workers.add(cpuWorker("worker-3", 64, 1024).withTasks(Set.of(TaskType.PreCommit1)).withPaths(List.of(own)));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)), List.of(),
                List.of(sealedOn("p3", 1)), Map.of("g3", List.of("example-seal-group-2")));
        assertThat(workerOf(p, "pc2")).isEqualTo("worker-1");
    }

    @Test
    void copyingReservesSpaceForTheCopiedFiles() {
        StoragePath small = StoragePath.sealing("p1", 100 * GiB).withGroups(List.of("example-seal-group-1"), null);
        List<WorkerNode> workers = List.of(
                cpuWorker("worker-1", 64, 1024).withTasks(Set.of(TaskType.PreCommit2)).withPaths(List.of(small)),
                seedWorkers().get(2));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1)), List.of(),
                List.of(sealedOn("p3", 1)), Map.of());
        assertThat(reasonOf(p, "pc2")).contains("worker-1: needs 483.2 GiB on a sealing (canSeal) path, largest free 100 GiB");
    }
}
