package io.sealfleet.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Rule: Lotus's thread computation (92 % rule, MaxParallelismGPU on GPU workers). */
class ThreadRuleTest {
    private static final ResourceSpec PC2_32G = DefaultResourceTable.get(TaskType.PreCommit2, SectorSize.S32GiB);

    @ParameterizedTest(name = "{0} cores without GPU -> PC2 reserves {1} threads")
    @CsvSource({"12,11", "16,14", "24,22", "32,29", "64,58", "128,117", "2,1", "4,3", "96,88", "256,235"})
    void multithreadedTaskTakesIntegerFloorOf92PercentOfTheCores(int cores, int threads) {
        assertThat(PC2_32G.threads(cores, 0)).isEqualTo(threads);
    }

    @ParameterizedTest(name = "{0} cores with a GPU -> PC2 reserves 6 threads")
    @CsvSource({"12", "16", "24", "32", "64", "128"})
    void gpuTaskOnGpuWorkerReservesMaxParallelismGpuThreads(int cores) {
        assertThat(PC2_32G.threads(cores, 1)).isEqualTo(6);
    }

    @Test
    void singleCoreWorkerStillGivesAMultithreadedTaskOneThread() {
        assertThat(PC2_32G.threads(1, 0)).isEqualTo(1);
    }

    @Test
    void gpuTaskWithoutMaxParallelismGpuFallsBackToMaxParallelism() {
        ResourceSpec c2small = DefaultResourceTable.get(TaskType.Commit2, SectorSize.S512MiB);
        assertThat(c2small.threads(32, 1)).isEqualTo(1);
    }

    @Test
    void replicaUpdateTakesSixThreadsOnGpuWorkerAndOneOnCpuWorker() {
        ResourceSpec ru = DefaultResourceTable.get(TaskType.ReplicaUpdate, SectorSize.S32GiB);
        assertThat(ru.threads(32, 1)).isEqualTo(6);
        assertThat(ru.threads(32, 0)).isEqualTo(1);
    }

    @Test
    void commit1TakesNoThreadSlot() {
        assertThat(DefaultResourceTable.get(TaskType.Commit1, SectorSize.S32GiB).threads(64, 0)).isZero();
    }
}
