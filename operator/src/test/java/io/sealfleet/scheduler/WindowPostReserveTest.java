package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.table.Bytes.GiB;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.DefaultResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule: cores and memory reserved for WindowPoSt are taken off first and never handed out. */
class WindowPostReserveTest {
    private static final WorkerNode COLOCATED = cpuWorker("w1", 16, 128).withReserve(new PostReserve(4, 32 * GiB));

    @Test
    void sixteenCoresWithFourReservedBehaveAsTwelve() {
        assertThat(COLOCATED.sealingCapacity().cpus()).isEqualTo(12);
        assertThat(DefaultResourceTable.get(TaskType.PreCommit2, SectorSize.S2KiB)
                .threads(COLOCATED.sealingCapacity().cpus(), 0)).isEqualTo(11);
    }

    @Test
    void preCommit2AndOneSingleThreadTaskFillTheTwelveSealingCores() {
        List<TaskRequest> q = new ArrayList<>();
        q.add(task("pc2", TaskType.PreCommit2, SectorSize.S2KiB, 1));
        q.add(task("ap", TaskType.AddPiece, SectorSize.S2KiB, 2));
        q.add(task("ap2", TaskType.AddPiece, SectorSize.S2KiB, 3));
        SchedulingPlan p = plan(List.of(COLOCATED.withTasks(java.util.Set.of(TaskType.PreCommit2, TaskType.AddPiece))), q);
        // Window 0: PC2 (11 threads) + AP (1); window 1 takes the second AP.
        assertThat(p.assignments()).hasSize(3);
        List<PlacedTask> running = List.of(
                new PlacedTask(q.get(0), "w1", Stage.RUNNING, null), new PlacedTask(q.get(1), "w1", Stage.RUNNING, null));
        // Nothing running ever goes past the 12 sealing cores: the active pool is full.
        Pool active = new Pool();
        for (PlacedTask r : running) {
            active.add(r.task().id(), new TaskKey(r.task().type(), r.task().size()),
                    DefaultResourceTable.get(r.task().type(), r.task().size()), COLOCATED.sealingCapacity());
        }
        assertThat(active.cpuUse()).isEqualTo(12);
        assertThat(active.checkResources(DefaultResourceTable.get(TaskType.AddPiece, SectorSize.S2KiB), COLOCATED.sealingCapacity()))
                .isNotNull();
    }

    @Test
    void reservedMemoryIsNotAvailableToSealing() {
        WorkerNode w = cpuWorker("w1", 16, 80).withReserve(new PostReserve(0, 32 * GiB));
        SchedulingPlan p = plan(List.of(w), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)));
        assertThat(reasonOf(p, "pc1")).isEqualTo("PC1 32GiB: w1: needs 56 GiB free RAM, has 48 GiB");
    }
}
