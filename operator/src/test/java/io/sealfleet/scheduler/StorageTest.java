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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule: storage selection — CanSeal/CanStore, the space model, reservation at binding, weights, shared paths. */
class StorageTest {
    private static SchedulingPlan plan(List<WorkerNode> workers, List<TaskRequest> queue, List<PlacedTask> placed,
                                       List<SectorLocation> locations) {
        return new Scheduler().plan(new ClusterState(workers, queue, placed, locations, Map.of()));
    }

    private static WorkerNode withPaths(String name, StoragePath... paths) {
        return cpuWorker(name, 64, 1024).withPaths(List.of(paths));
    }

    @Test
    void preCommit1Of32GiBAllocates483GiBAndOnePassNeverPromisesTheSameSpaceTwice() {
        WorkerNode w = withPaths("w1", StoragePath.sealing("nvme", 500 * GiB));
        SchedulingPlan p = plan(List.of(w), List.of(task("a", TaskType.PreCommit1, SectorSize.S32GiB, 1),
                task("b", TaskType.PreCommit1, SectorSize.S32GiB, 2)), List.of(), List.of());
        assertThat(workerOf(p, "a")).isEqualTo("w1");
        assertThat(p.assignments().get(0).pathId()).isEqualTo("nvme");
        assertThat(reasonOf(p, "b")).isEqualTo("PC1 32GiB: w1: needs 483.2 GiB on a sealing (canSeal) path, largest free 16.8 GiB");
    }

    @Test
    void spaceOfTasksAlreadyOnTheWorkerStaysReserved() {
        WorkerNode w = withPaths("w1", StoragePath.sealing("nvme", 600 * GiB));
        List<PlacedTask> running = List.of(new PlacedTask(task("r", TaskType.PreCommit1, SectorSize.S32GiB, 9), "w1", Stage.RUNNING, "nvme"));
        SchedulingPlan p = plan(List.of(w), List.of(task("a", TaskType.PreCommit1, SectorSize.S32GiB, 1)), running, List.of());
        assertThat(p.assignments()).isEmpty();
    }

    @Test
    void pathsAreRankedByFreeSpaceTimesWeight() {
        StoragePath big = new StoragePath("big", true, false, 1, 2000 * GiB, List.of(), null);
        StoragePath fast = new StoragePath("fast", true, false, 10, 1000 * GiB, List.of(), null);
        SchedulingPlan p = plan(List.of(withPaths("w1", big, fast)), List.of(task("a", TaskType.AddPiece, SectorSize.S32GiB, 1)), List.of(), List.of());
        assertThat(p.assignments().get(0).pathId()).isEqualTo("fast");
    }

    @Test
    void storeOnlyPathsReceiveNoSealingData() {
        StoragePath store = new StoragePath("store", false, true, 10, 100_000 * GiB, List.of(), null);
        SchedulingPlan p = plan(List.of(withPaths("w1", store)), List.of(task("a", TaskType.AddPiece, SectorSize.S32GiB, 1)), List.of(), List.of());
        assertThat(reasonOf(p, "a")).isEqualTo("AP 32GiB: w1: has no sealing (canSeal) path");
    }

    @Test
    void finalizeNeedsALongTermPathOnTheWorkerHoldingTheSector() {
        StoragePath seal = StoragePath.sealing("seal", 1000 * GiB);
        StoragePath store = new StoragePath("store", false, true, 10, 40 * GiB, List.of(), null);
        SectorLocation loc = new SectorLocation(new SectorRef(MINER, 1), "seal", Set.of(FileType.cache, FileType.sealed));
        SchedulingPlan ok = plan(List.of(withPaths("w1", seal, store)),
                List.of(task("fin", TaskType.Finalize, SectorSize.S32GiB, 1)), List.of(), List.of(loc));
        assertThat(ok.assignments()).extracting(Assignment::pathId).containsExactly("store");
        // Sealed 32 GiB + cache 3.2 GiB fit in 40 GiB; a deal sector keeps its unsealed copy too, 67.2 GiB.
        SectorLocation withUnsealed = new SectorLocation(new SectorRef(MINER, 1), "seal",
                Set.of(FileType.cache, FileType.sealed, FileType.unsealed));
        SchedulingPlan full = plan(List.of(withPaths("w1", seal, store)),
                List.of(task("fin", TaskType.Finalize, SectorSize.S32GiB, 1).withDeals(1)), List.of(), List.of(withUnsealed));
        assertThat(reasonOf(full, "fin")).contains("w1: needs 67.2 GiB on a long-term (canStore) path, largest free 40 GiB");
    }

    @Test
    void finalizeOfADealSectorWaitsForAHolderOfItsUnsealedCopy() {
        StoragePath seal = StoragePath.sealing("seal", 1000 * GiB);
        StoragePath store = new StoragePath("store", false, true, 10, 100 * GiB, List.of(), null);
        SectorLocation loc = new SectorLocation(new SectorRef(MINER, 1), "seal", Set.of(FileType.cache, FileType.sealed));
        SchedulingPlan p = plan(List.of(withPaths("w1", seal, store)),
                List.of(task("fin", TaskType.Finalize, SectorSize.S32GiB, 1).withDeals(1)), List.of(), List.of(loc));
        assertThat(p.assignments()).isEmpty();
        assertThat(reasonOf(p, "fin")).contains("no worker reports all of its input files");
    }

    @Test
    void aPathSharedByTwoWorkersIsCountedOnce() {
        StoragePath shared = StoragePath.sealing("nfs", 600 * GiB);
        SchedulingPlan p = plan(List.of(withPaths("w1", shared), withPaths("w2", shared)),
                List.of(task("a", TaskType.PreCommit1, SectorSize.S32GiB, 1), task("b", TaskType.PreCommit1, SectorSize.S32GiB, 2)),
                List.of(), List.of());
        assertThat(p.assignments()).hasSize(1);
        assertThat(reasonOf(p, "b")).contains("w1: needs 483.2 GiB").contains("w2: needs 483.2 GiB");
    }

    @Test
    void unknownFreeSpaceIsNotALimit() {
        SchedulingPlan p = plan(List.of(cpuWorker("w1", 64, 1024)),
                List.of(task("a", TaskType.PreCommit1, SectorSize.S32GiB, 1), task("b", TaskType.PreCommit1, SectorSize.S32GiB, 2)),
                List.of(), List.of());
        assertThat(p.assignments()).hasSize(2);
    }
}
