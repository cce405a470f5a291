package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.countOn;
import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule: two scheduling windows per worker, each the capacity of the idle worker. */
class WindowsTest {
    // PreCommit1 2KiB takes one thread: a 2-core worker holds two per window.
    private static final WorkerNode TWO_CORES = cpuWorker("w1", 2, 8);

    @Test
    void idleWorkerReceivesAtMostTwoWindowsWorthInOnePass() {
        SchedulingPlan p = plan(List.of(TWO_CORES), tasks("pc1-", TaskType.PreCommit1, SectorSize.S2KiB, 7));
        assertThat(p.assignments()).hasSize(4);
        assertThat(p.waiting()).hasSize(3);
        assertThat(reasonOf(p, "pc1-4")).isEqualTo("PC1 2KiB: w1: needs 1 thread, has 0 of 2 free in its open scheduling window");
    }

    @Test
    void windowHoldingUnstartedTasksIsClosedForThePass() {
        List<PlacedTask> bound = List.of(new PlacedTask(task("old", TaskType.PreCommit1, SectorSize.S2KiB, 100), "w1", Stage.ASSIGNED, null));
        SchedulingPlan p = plan(List.of(TWO_CORES), tasks("pc1-", TaskType.PreCommit1, SectorSize.S2KiB, 5), bound);
        assertThat(p.assignments()).hasSize(2);
    }

    @Test
    void workerWhoseTwoWindowsHoldUnstartedTasksReceivesNothing() {
        List<PlacedTask> bound = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bound.add(new PlacedTask(task("old" + i, TaskType.PreCommit1, SectorSize.S2KiB, 100 + i), "w1", Stage.ASSIGNED, null));
        }
        SchedulingPlan p = plan(List.of(TWO_CORES), tasks("pc1-", TaskType.PreCommit1, SectorSize.S2KiB, 1), bound);
        assertThat(p.assignments()).isEmpty();
        assertThat(reasonOf(p, "pc1-0")).isEqualTo("PC1 2KiB: 1 worker has both scheduling windows holding tasks that have not started (w1)");
    }

    @Test
    void runningTasksChangeRankingButNotTheWindows() {
        List<PlacedTask> running = List.of(
                new PlacedTask(task("r1", TaskType.PreCommit1, SectorSize.S2KiB, 100), "w1", Stage.RUNNING, null),
                new PlacedTask(task("r2", TaskType.PreCommit1, SectorSize.S2KiB, 101), "w1", Stage.RUNNING, null));
        SchedulingPlan p = plan(List.of(TWO_CORES), tasks("pc1-", TaskType.PreCommit1, SectorSize.S2KiB, 6), running);
        assertThat(p.assignments()).hasSize(4);
    }

    @Test
    void tasksThatStartedLeaveTheirWindowSoTheRestCompactIntoWindowZero() {
        // Two tasks of the first window started preparing; the one left from the second window moves
        // into window 0, which leaves window 1 open again.
        List<PlacedTask> state = List.of(
                new PlacedTask(task("a", TaskType.PreCommit1, SectorSize.S2KiB, 100), "w1", Stage.PREPARING, null),
                new PlacedTask(task("b", TaskType.PreCommit1, SectorSize.S2KiB, 101), "w1", Stage.PREPARING, null),
                new PlacedTask(task("c", TaskType.PreCommit1, SectorSize.S2KiB, 102), "w1", Stage.ASSIGNED, null));
        SchedulingPlan p = plan(List.of(TWO_CORES), tasks("pc1-", TaskType.PreCommit1, SectorSize.S2KiB, 4), state);
        assertThat(p.assignments()).hasSize(2);
    }

    @Test
    void smallTasksDoNotStarveABigTaskThatComesFirstInTheQueue() {
        // PC2 (92 % of the cores) is first in the queue and takes a window before the PC1s fill it.
        WorkerNode w = cpuWorker("w1", 16, 64);
        List<TaskRequest> q = new ArrayList<>(tasks("pc1-", TaskType.PreCommit1, SectorSize.S2KiB, 40));
        q.add(task("pc2", TaskType.PreCommit2, SectorSize.S2KiB, 99));
        SchedulingPlan p = plan(List.of(w), q);
        assertThat(Fixtures.workerOf(p, "pc2")).isEqualTo("w1");
        assertThat(countOn(p, "w1")).isEqualTo(1 + 2 + 16);
    }
}
