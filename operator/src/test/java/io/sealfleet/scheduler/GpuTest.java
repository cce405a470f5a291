package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.cpuWorker;
import static io.sealfleet.scheduler.Fixtures.gpuWorker;
import static io.sealfleet.scheduler.Fixtures.plan;
import static io.sealfleet.scheduler.Fixtures.reasonOf;
import static io.sealfleet.scheduler.Fixtures.task;
import static io.sealfleet.scheduler.Fixtures.workerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule: GPU tasks go only to workers whose GPU count, model and memory fit; Lotus's CPU fallback otherwise. */
class GpuTest {
    private static final GpuNeed A100_40G = new GpuNeed(List.of("NVIDIA-A100-SXM4-40GB", "NVIDIA-A100-SXM4-80GB"), 40000);

    @Test
    void taskRequiringAGpuModelGoesOnlyToAWorkerWithThatModel() {
        List<WorkerNode> workers = List.of(gpuWorker("rtx", 32, 256, "NVIDIA-GeForce-RTX-3090", 24576),
                gpuWorker("a100", 32, 256, "NVIDIA-A100-SXM4-80GB", 81920), cpuWorker("cpu", 32, 256));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1).withGpu(A100_40G)));
        assertThat(workerOf(p, "pc2")).isEqualTo("a100");
    }

    @Test
    void gpuMemoryBelowTheMinimumExcludesTheWorker() {
        List<WorkerNode> workers = List.of(gpuWorker("small", 32, 256, "NVIDIA-A100-SXM4-40GB", 39000), cpuWorker("cpu", 32, 256));
        SchedulingPlan p = plan(workers, List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1).withGpu(A100_40G)));
        assertThat(reasonOf(p, "pc2")).isEqualTo(
                "PC2 32GiB: 2 workers lack a GPU of NVIDIA-A100-SXM4-40GB or NVIDIA-A100-SXM4-80GB with 40000 MiB");
    }

    @Test
    void gpuTaskWithoutRequirementMayRunOnACpuWorkerReservingTheNinetyTwoPercent() {
        SchedulingPlan p = plan(List.of(cpuWorker("cpu", 32, 256)),
                List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1), task("pc2b", TaskType.PreCommit2, SectorSize.S32GiB, 2),
                        task("pc2c", TaskType.PreCommit2, SectorSize.S32GiB, 3)));
        // 29 of 32 threads per PC2: one per window.
        assertThat(p.assignments()).hasSize(2);
        assertThat(reasonOf(p, "pc2c")).isEqualTo("PC2 32GiB: cpu: needs 29 threads, has 3 of 32 free in its open scheduling window");
    }

    @Test
    void onAGpuWorkerTheGpuNotTheCoresLimitsPreCommit2() {
        SchedulingPlan p = plan(List.of(gpuWorker("gpu", 32, 256, "NVIDIA-GeForce-RTX-3090", 24576)),
                List.of(task("pc2", TaskType.PreCommit2, SectorSize.S32GiB, 1), task("pc2b", TaskType.PreCommit2, SectorSize.S32GiB, 2),
                        task("pc2c", TaskType.PreCommit2, SectorSize.S32GiB, 3)));
        assertThat(p.assignments()).hasSize(2);
        assertThat(reasonOf(p, "pc2c")).isEqualTo("PC2 32GiB: gpu: needs 1 GPU, has 0 of 1 free in its open scheduling window");
    }

    @Test
    void commit2GoesOnlyToWorkersWithAnExternalProver() {
        List<WorkerNode> workers = List.of(gpuWorker("no-prover", 32, 512, "NVIDIA-GeForce-RTX-3090", 24576),
                gpuWorker("prover", 32, 512, "NVIDIA-GeForce-RTX-3090", 24576).withProver(true));
        SchedulingPlan p = plan(workers, List.of(task("c2", TaskType.Commit2, SectorSize.S32GiB, 1)));
        assertThat(workerOf(p, "c2")).isEqualTo("prover");
        SchedulingPlan none = plan(workers.subList(0, 1), List.of(task("c2", TaskType.Commit2, SectorSize.S32GiB, 1)));
        assertThat(reasonOf(none, "c2")).isEqualTo("C2 32GiB: 1 worker has no external prover for Commit2 (spec.externalProver)");
    }
}
