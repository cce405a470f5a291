package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.workerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler places a task only on a worker whose reported capabilities (kernels, sizes, prover) include it. */
class CapabilitiesTest {
    private static final String MISSING = "the LotusBench prover adapter's executable /usr/local/bin/lotus-bench is not there; "
            + "install lotus-bench in the worker image or set spec.externalProver.path to its absolute path";

    private static Abilities sealerOnly(EnumSet<TaskType> types, EnumSet<SectorSize> sizes) {
        return new Abilities(types, Map.of(TaskType.ReplicaUpdate, "ReplicaUpdate is not supported by this worker agent"),
                sizes, null);
    }

    @Test
    void commit2WaitsWhenTheWorkersProverIsNotInstalledAndSaysWhy() {
        WorkerNode w = cpuWorker("gpu-box", 32, 256).withProver(true).withAbilities(new Abilities(
                EnumSet.of(TaskType.PreCommit2), Map.of(TaskType.Commit2, MISSING), EnumSet.allOf(SectorSize.class), null));

        SchedulingPlan p = plan(List.of(w), List.of(task("c2", TaskType.Commit2, SectorSize.S32GiB, 1)));

        assertThat(workerOf(p, "c2")).isNull();
        assertThat(p.waiting().get(0).code()).isEqualTo(WaitingCode.ProverNotInstalled);
        assertThat(reasonOf(p, "c2")).isEqualTo("C2 32GiB: worker gpu-box cannot run Commit2: " + MISSING);
    }

    @Test
    void commit2GoesToTheWorkerWhoseProverIsInstalled() {
        WorkerNode missing = cpuWorker("a-missing", 32, 256).withProver(true).withAbilities(new Abilities(
                EnumSet.noneOf(TaskType.class), Map.of(TaskType.Commit2, MISSING), EnumSet.allOf(SectorSize.class), null));
        WorkerNode installed = cpuWorker("b-installed", 32, 256).withProver(true);

        SchedulingPlan p = plan(List.of(missing, installed), List.of(task("c2", TaskType.Commit2, SectorSize.S32GiB, 1)));

        assertThat(workerOf(p, "c2")).isEqualTo("b-installed");
    }

    @Test
    void aTypeTheWorkersSealerDoesNotRunWaitsNamingTheWorkerAndTheReason() {
        WorkerNode w = cpuWorker("w1", 32, 256).withAbilities(sealerOnly(EnumSet.of(TaskType.PreCommit1),
                EnumSet.allOf(SectorSize.class)));

        SchedulingPlan p = plan(List.of(w), List.of(task("ru", TaskType.ReplicaUpdate, SectorSize.S32GiB, 1)));

        assertThat(workerOf(p, "ru")).isNull();
        assertThat(p.waiting().get(0).code()).isEqualTo(WaitingCode.WorkerCannotRun);
        assertThat(reasonOf(p, "ru")).isEqualTo("RU 32GiB: worker w1 cannot run ReplicaUpdate: its sealer does not run "
                + "ReplicaUpdate: ReplicaUpdate is not supported by this worker agent");
    }

    @Test
    void aSectorSizeTheWorkersSealerDoesNotSealWaits() {
        WorkerNode small = cpuWorker("small", 32, 256).withAbilities(sealerOnly(EnumSet.of(TaskType.PreCommit1),
                EnumSet.of(SectorSize.S2KiB, SectorSize.S8MiB)));
        WorkerNode big = cpuWorker("big", 32, 256).withAbilities(sealerOnly(EnumSet.of(TaskType.PreCommit1),
                EnumSet.allOf(SectorSize.class)));

        SchedulingPlan alone = plan(List.of(small), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)));
        SchedulingPlan both = plan(List.of(small, big), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S32GiB, 1)));

        assertThat(reasonOf(alone, "pc1")).isEqualTo("PC1 32GiB: worker small cannot run PreCommit1: its sealer does not "
                + "seal 32GiB sectors (it seals 2KiB, 8MiB)");
        assertThat(workerOf(both, "pc1")).isEqualTo("big");
    }

    @Test
    void aWorkerThatHasNotReportedCapabilitiesTakesOnlyFetchAndFinalize() {
        WorkerNode w = cpuWorker("new", 32, 256).withProver(true).withAbilities(Abilities.unknown("has not reported its "
                + "capabilities yet"));

        SchedulingPlan p = plan(List.of(w), List.of(task("pc1", TaskType.PreCommit1, SectorSize.S2KiB, 1),
                task("c2", TaskType.Commit2, SectorSize.S2KiB, 2)));

        assertThat(workerOf(p, "pc1")).isNull();
        assertThat(reasonOf(p, "pc1")).isEqualTo("PC1 2KiB: worker new cannot run PreCommit1: has not reported its capabilities yet");
        assertThat(workerOf(p, "c2")).isNull();
        // Fetch and Finalize are the agent's own file work: no capability keeps them off.
        assertThat(w.abilities().sealerRefuses(TaskType.Fetch, SectorSize.S2KiB)).isNull();
        assertThat(w.abilities().sealerRefuses(TaskType.Finalize, SectorSize.S2KiB)).isNull();
        assertThat(w.abilities().proverRefuses(TaskType.Commit2)).isEqualTo("has not reported its capabilities yet");
    }

    @Test
    void manyWorkersThatCannotRunATypeAreCountedWithTheirReasons() {
        Abilities none = sealerOnly(EnumSet.noneOf(TaskType.class), EnumSet.allOf(SectorSize.class));
        SchedulingPlan p = plan(List.of(cpuWorker("a", 8, 64).withAbilities(none), cpuWorker("b", 8, 64).withAbilities(none)),
                List.of(task("ru", TaskType.ReplicaUpdate, SectorSize.S2KiB, 1)));

        assertThat(reasonOf(p, "ru")).startsWith("RU 2KiB: 2 workers cannot run ReplicaUpdate (a: its sealer does not run "
                + "ReplicaUpdate: ReplicaUpdate is not supported by this worker agent, b: ");
    }
}
