package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.workerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule: enabled task types, the always-on types, paused workers and workers that are not ready. */
class EnabledTasksTest {
    @Test
    void explicitTaskListBehavesLikeNoDefaultButKeepsTheAlwaysOnTypes() {
        WorkerNode pc1Only = cpuWorker("w1", 32, 256).withTasks(Set.of(TaskType.PreCommit1));
        assertThat(pc1Only.accepts(TaskType.PreCommit1)).isTrue();
        assertThat(pc1Only.accepts(TaskType.PreCommit2)).isFalse();
        assertThat(pc1Only.accepts(TaskType.AddPiece)).isFalse();
        for (TaskType t : List.of(TaskType.Fetch, TaskType.Commit1, TaskType.Finalize, TaskType.ReadUnsealed, TaskType.ProveReplicaUpdate1,
                TaskType.FinalizeReplicaUpdate)) {
            assertThat(pc1Only.accepts(t)).as(t.name()).isTrue();
        }
    }

    @Test
    void defaultWorkerAcceptsEveryType() {
        WorkerNode w = cpuWorker("w1", 32, 256);
        for (TaskType t : TaskType.values()) {
            assertThat(w.accepts(t)).as(t.name()).isTrue();
        }
    }

    @Test
    void pausedWorkerTakesNoNewSealingWorkButStillHandsOffItsSectors() {
        WorkerNode paused = cpuWorker("w1", 32, 256).withPaused(true).withPaths(List.of(StoragePath.sealing("seal", Long.MAX_VALUE),
                new StoragePath("store", false, true, 10, Long.MAX_VALUE, List.of(), null)));
        SchedulingPlan p = plan(List.of(paused), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S2KiB, 1),
                task("c1", TaskType.Commit1, SectorSize.S2KiB, 2), task("fin", TaskType.Finalize, SectorSize.S2KiB, 3)));
        assertThat(reasonOf(p, "pc1")).isEqualTo("PC1 2KiB: 1 worker is paused (w1)");
        assertThat(workerOf(p, "c1")).isEqualTo("w1");
        assertThat(workerOf(p, "fin")).isEqualTo("w1");
    }

    @Test
    void workerThatIsNotReadyTakesNothing() {
        WorkerNode lost = cpuWorker("w1", 32, 256).withNotReady("phase Lost");
        SchedulingPlan p = plan(List.of(lost), List.of(task("c1", TaskType.Commit1, SectorSize.S2KiB, 2)));
        assertThat(reasonOf(p, "c1")).isEqualTo("C1 2KiB: 1 worker is not ready (w1: phase Lost)");
    }

    @Test
    void taskTypeNotEnabledAnywhereWaitsSayingSo() {
        List<WorkerNode> workers = List.of(cpuWorker("w1", 32, 256).withTasks(Set.of(TaskType.PreCommit1)),
                cpuWorker("w2", 32, 256).withTasks(Set.of(TaskType.PreCommit1)));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S2KiB, 1)));
        assertThat(reasonOf(p, "pc2")).isEqualTo("PC2 2KiB: 2 workers lack PreCommit2");
    }
}
