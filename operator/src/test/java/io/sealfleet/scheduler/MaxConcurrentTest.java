package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule: MaxConcurrent per type and size counts every task of that key on the worker, in any stage. */
class MaxConcurrentTest {
    private static WorkerNode limited(String overrideKey, String value) {
        return cpuWorker("w1", 128, 2048).withTable(ResourceTable.of(Map.of(overrideKey, value), Map.of()));
    }

    @Test
    void limitCapsTasksOfThatTypeAndSizeInOnePass() {
        SchedulingPlan p = plan(List.of(limited("PC1_32G_MAX_CONCURRENT", "4")), tasks("pc1-", TaskType.PreCommit1, SectorSize.S32GiB, 10));
        assertThat(p.assignments()).hasSize(4);
        assertThat(reasonOf(p, "pc1-4")).isEqualTo("PC1 32GiB: w1: PC1_32G_MAX_CONCURRENT=4 reached");
    }

    @Test
    void runningAndPreparingTasksCountTowardsTheLimit() {
        List<PlacedTask> placed = List.of(
                new PlacedTask(task("r", TaskType.PreCommit1, SectorSize.S32GiB, 100), "w1", Stage.RUNNING, null),
                new PlacedTask(task("p", TaskType.PreCommit1, SectorSize.S32GiB, 101), "w1", Stage.PREPARING, null));
        SchedulingPlan p = plan(List.of(limited("PC1_32G_MAX_CONCURRENT", "3")), tasks("pc1-", TaskType.PreCommit1, SectorSize.S32GiB, 3), placed);
        assertThat(p.assignments()).hasSize(1);
    }

    @Test
    void limitOfOneSizeLeavesOtherSizesAlone() {
        List<TaskRequest> q = new ArrayList<>(tasks("big-", TaskType.PreCommit1, SectorSize.S32GiB, 3));
        q.addAll(tasks("small-", TaskType.PreCommit1, SectorSize.S2KiB, 3));
        SchedulingPlan p = plan(List.of(limited("PC1_32G_MAX_CONCURRENT", "1")), q);
        assertThat(p.assignments()).hasSize(1 + 3);
    }

    @Test
    void unsizedLimitAppliesToEverySize() {
        List<TaskRequest> q = new ArrayList<>(tasks("big-", TaskType.AddPiece, SectorSize.S32GiB, 3));
        q.addAll(tasks("small-", TaskType.AddPiece, SectorSize.S2KiB, 3));
        SchedulingPlan p = plan(List.of(limited("AP_MAX_CONCURRENT", "2")), q);
        assertThat(p.assignments()).hasSize(2 + 2);
    }

    @Test
    void fetchLimitIsItsOwnKey() {
        List<TaskRequest> q = new ArrayList<>(tasks("get-", TaskType.Fetch, SectorSize.S32GiB, 3));
        q.add(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 50));
        SchedulingPlan p = plan(List.of(limited("GET_32G_MAX_CONCURRENT", "1")), q);
        assertThat(p.assignments()).extracting(Assignment::task).containsExactly("default/get-0", "default/pc1");
    }
}
