package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.countOn;
import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.tasks;
import static io.sealfleet.scheduler.Fixtures.workerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rule: the utilization (default) and spread assigners. */
class AssignerTest {
    private static final List<WorkerNode> THREE_EQUAL = List.of(cpuWorker("a", 64, 1024), cpuWorker("b", 64, 1024),
            cpuWorker("c", 64, 1024));

    @Test
    void utilizationCountsThisPassesEarlierAssignmentsSoTasksDoNotPileUp() {
        SchedulingPlan p = plan(THREE_EQUAL, tasks("pc1-", TaskType.PreCommit1, SectorSize.S32GiB, 6));
        assertThat(countOn(p, "a")).isEqualTo(2);
        assertThat(countOn(p, "b")).isEqualTo(2);
        assertThat(countOn(p, "c")).isEqualTo(2);
    }

    @Test
    void utilizationPrefersTheLessLoadedWorker() {
        List<PlacedTask> running = List.of(
                new PlacedTask(task("busy", TaskType.PreCommit2, SectorSize.S32GiB, 50), "a", Stage.RUNNING, null));
        SchedulingPlan p = plan(THREE_EQUAL.subList(0, 2), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)), running);
        assertThat(workerOf(p, "pc1")).isEqualTo("b");
    }

    @Test
    void utilizationTiesAreBrokenByWorkerName() {
        SchedulingPlan p = plan(THREE_EQUAL, List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)));
        assertThat(workerOf(p, "pc1")).isEqualTo("a");
    }

    @Test
    void spreadGivesEachWorkerOneTaskBeforeAnyGetsASecond() {
        // A heavy PC2 makes worker a the most utilized, yet spread counts tasks, not load.
        List<TaskRequest> q = new java.util.ArrayList<>(tasks("ap-", TaskType.AddPiece, SectorSize.S2KiB, 3));
        q.add(0, task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 99));
        SchedulingPlan p = new Scheduler(Assigner.SPREAD, null).plan(ClusterState.of(THREE_EQUAL, q));
        assertThat(countOn(p, "a")).isEqualTo(2);
        assertThat(countOn(p, "b")).isEqualTo(1);
        assertThat(countOn(p, "c")).isEqualTo(1);
    }

    @Test
    void spreadBreaksTiesByUtilizationBeforeThePass() {
        List<PlacedTask> running = List.of(
                new PlacedTask(task("busy", TaskType.PreCommit2, SectorSize.S32GiB, 50), "a", Stage.RUNNING, null));
        SchedulingPlan p = new Scheduler(Assigner.SPREAD, null).plan(new ClusterState(THREE_EQUAL,
                List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)), running, List.of(), Map.of()));
        assertThat(workerOf(p, "pc1")).isEqualTo("b");
    }

    @Test
    void injectedRandomnessIsDeterministicForTheSameSeed() {
        List<TaskRequest> q = List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1));
        String first = workerOf(new Scheduler(Assigner.UTILIZATION, new SplittableRandom(42)).plan(ClusterState.of(THREE_EQUAL, q)), "pc1");
        for (int i = 0; i < 5; i++) {
            assertThat(workerOf(new Scheduler(Assigner.UTILIZATION, new SplittableRandom(42))
                    .plan(ClusterState.of(THREE_EQUAL, q)), "pc1")).isEqualTo(first);
        }
    }

    @Test
    void injectedRandomnessSpreadsTieBreaksOverEqualWorkers() {
        List<TaskRequest> q = List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1));
        java.util.Set<String> chosen = new java.util.HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
            chosen.add(workerOf(new Scheduler(Assigner.UTILIZATION, new SplittableRandom(seed)).plan(ClusterState.of(THREE_EQUAL, q)), "pc1"));
        }
        assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void assignerNamesParseAndUnknownNamesAreRejected() {
        assertThat(Assigner.parse("spread")).isEqualTo(Assigner.SPREAD);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Assigner.parse("experiment-random"))
                .hasMessageContaining("use utilization or spread");
    }

    @Test
    void commit2GoesToTheWorkerWithFewerEnabledTaskTypesEvenWhenItIsBusier() {
        WorkerNode general = cpuWorker("a-general", 64, 1024).withProver(true);
        WorkerNode prover = cpuWorker("b-prover", 64, 1024).withProver(true)
                .withTasks(java.util.EnumSet.of(TaskType.Commit2));
        List<PlacedTask> running = List.of(
                new PlacedTask(task("busy", TaskType.Commit2, SectorSize.S2KiB, 50), "b-prover", Stage.RUNNING, null));
        SchedulingPlan p = plan(List.of(general, prover), List.of(task("c2", TaskType.Commit2, SectorSize.S2KiB, 1)), running);
        assertThat(workerOf(p, "c2")).isEqualTo("b-prover");
    }

    @Test
    void commit2AmongWorkersWithAsManyTaskTypesGoesToTheLessUtilizedOne() {
        WorkerNode a = cpuWorker("a", 64, 1024).withProver(true).withTasks(java.util.EnumSet.of(TaskType.Commit2));
        WorkerNode b = cpuWorker("b", 64, 1024).withProver(true).withTasks(java.util.EnumSet.of(TaskType.Commit2));
        List<PlacedTask> running = List.of(
                new PlacedTask(task("busy", TaskType.Commit2, SectorSize.S2KiB, 50), "a", Stage.RUNNING, null));
        SchedulingPlan p = plan(List.of(a, b), List.of(task("c2", TaskType.Commit2, SectorSize.S2KiB, 1)), running);
        assertThat(workerOf(p, "c2")).isEqualTo("b");
    }

    @Test
    void otherTaskTypesIgnoreHowManyTypesAWorkerHasEnabled() {
        WorkerNode general = cpuWorker("a-general", 64, 1024);
        WorkerNode narrow = cpuWorker("b-narrow", 64, 1024).withTasks(java.util.EnumSet.of(TaskType.PreCommit1));
        List<PlacedTask> running = List.of(
                new PlacedTask(task("busy", TaskType.PreCommit1, SectorSize.S2KiB, 50), "b-narrow", Stage.RUNNING, null));
        SchedulingPlan p = plan(List.of(general, narrow), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S2KiB, 1)), running);
        assertThat(workerOf(p, "pc1")).isEqualTo("a-general");
    }
}
