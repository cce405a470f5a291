package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.gpuWorker;
import static io.sealfleet.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rule: the same input gives the same plan, whatever order workers and tasks arrive in. */
class DeterminismTest {
    @Test
    void shuffledInputGivesTheSamePlan() {
        List<WorkerNode> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(i % 3 == 0 ? gpuWorker("g" + i, 32, 512, "NVIDIA-GeForce-RTX-3090", 24576) : cpuWorker("c" + i, 32, 512));
        }
        List<TaskRequest> q = new ArrayList<>();
        TaskType[] types = {TaskType.AddPiece, TaskType.PreCommit1, TaskType.PreCommit2, TaskType.Commit1, TaskType.Finalize};
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            q.add(task("t" + i, types[r.nextInt(types.length)], SectorSize.S32GiB, r.nextInt(50)).withDeals(r.nextInt(3)));
        }
        SchedulingPlan first = new Scheduler().plan(ClusterState.of(workers, q));
        for (int seed = 0; seed < 5; seed++) {
            List<WorkerNode> w = new ArrayList<>(workers);
            List<TaskRequest> t = new ArrayList<>(q);
            Collections.shuffle(w, new Random(seed));
            Collections.shuffle(t, new Random(seed + 100));
            assertThat(new Scheduler().plan(ClusterState.of(w, t))).isEqualTo(first);
        }
    }
}
