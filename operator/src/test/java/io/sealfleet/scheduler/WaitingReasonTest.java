package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule: every task the pass cannot place carries a reason a person can act on, aggregated over workers. */
class WaitingReasonTest {
    @Test
    void reasonCountsWorkersLackingTheTypeAndNamesEachWorkersShortfall() {
        List<WorkerNode> workers = List.of(
                cpuWorker("w1", 32, 40),
                cpuWorker("w2", 64, 1024).withTable(ResourceTable.of(Map.of("PC1_32G_MAX_CONCURRENT", "1"), Map.of())),
                cpuWorker("w3", 64, 1024).withTasks(Set.of(TaskType.PreCommit2)),
                cpuWorker("w4", 64, 1024).withTasks(Set.of(TaskType.Commit2)));
        List<PlacedTask> running = List.of(new PlacedTask(task("r", TaskType.PreCommit1, SectorSize.S32GiB, 9), "w2", Stage.RUNNING, null));
        SchedulingPlan p = plan(workers, List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)), running);
        assertThat(reasonOf(p, "pc1")).isEqualTo(
                "PC1 32GiB: 2 workers lack PreCommit1; w1: needs 56 GiB free RAM, has 40 GiB; w2: PC1_32G_MAX_CONCURRENT=1 reached");
        assertThat(p.waiting().get(0).code()).isEqualTo(WaitingCode.InsufficientMemory);
    }

    @Test
    void taskMissingAnInputWaitsForIt() {
        TaskRequest c1 = task("c1", TaskType.Commit1, SectorSize.S2KiB, 1).blockedBy("waiting for spec.seed (the interactive seed)");
        SchedulingPlan p = plan(List.of(cpuWorker("w1", 8, 16)), List.of(c1));
        assertThat(p.waiting()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WaitingCode.WaitingForInput);
            assertThat(w.reason()).isEqualTo("C1 2KiB: waiting for spec.seed (the interactive seed)");
        });
    }

    @Test
    void noWorkersAtAllIsSaidPlainly() {
        SchedulingPlan p = plan(List.of(), List.of(task("ap", TaskType.AddPiece, SectorSize.S2KiB, 1)));
        assertThat(reasonOf(p, "ap")).isEqualTo("AP 2KiB: no SealingWorkers");
        assertThat(p.waiting().get(0).code()).isEqualTo(WaitingCode.NoWorkers);
    }

    @Test
    void longListsOfWorkersAreCutAfterFive() {
        List<WorkerNode> workers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            workers.add(cpuWorker("w" + (10 + i), 8, 16));
        }
        SchedulingPlan p = plan(workers, List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)));
        String reason = reasonOf(p, "pc1");
        assertThat(reason).startsWith("PC1 32GiB: w10: needs 56 GiB free RAM, has 16 GiB; w11:")
                .endsWith("; and 7 more workers short of resources");
    }

    @Test
    void everyQueuedTaskIsEitherAssignedOrWaiting() {
        List<TaskRequest> q = new ArrayList<>();
        for (TaskType t : TaskType.values()) {
            for (SectorSize s : SectorSize.values()) {
                q.add(task(t + "-" + s, t, s, q.size()));
            }
        }
        SchedulingPlan p = plan(List.of(cpuWorker("w1", 16, 128), cpuWorker("w2", 64, 512)), q);
        assertThat(p.assignments().size() + p.waiting().size()).isEqualTo(q.size());
        assertThat(p.waiting()).allSatisfy(w -> assertThat(w.reason()).isNotBlank());
    }
}
