package io.sealfleet.scheduler;

import static io.sealfleet.table.Bytes.GiB;
import static io.sealfleet.table.Bytes.MiB;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.DefaultResourceTable;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import org.junit.jupiter.api.Test;

/** Rule: the admission predicate (Lotus's CanHandleRequest) on one pool. */
class AdmissionTest {
    private static final TaskKey PC1_32 = new TaskKey(TaskType.PreCommit1, SectorSize.S32GiB);
    private static final ResourceSpec PC1_32G = DefaultResourceTable.get(TaskType.PreCommit1, SectorSize.S32GiB);
    private static final ResourceSpec C2_32G = DefaultResourceTable.get(TaskType.Commit2, SectorSize.S32GiB);

    @Test
    void physicalMemoryCountsMinPlusBaseAgainstWhatThePoolHasNotTaken() {
        Capacity exact = Capacity.cpu(8, 56 * GiB + 10 * MiB).withSwap(64 * GiB);
        assertThat(new Pool().checkResources(PC1_32G, exact)).isNull();
        Capacity oneByteShort = Capacity.cpu(8, 56 * GiB + 10 * MiB - 1).withSwap(64 * GiB);
        assertThat(new Pool().checkResources(PC1_32G, oneByteShort).code()).isEqualTo(WaitingCode.InsufficientMemory);
    }

    @Test
    void baselineMemoryUseIsNotSubtractedForPhysicalButIsForVirtual() {
        Capacity cap = Capacity.cpu(8, 64 * GiB).withSwap(16 * GiB).withUsed(20 * GiB, 0);
        // RAM: 56 GiB + 10 MiB <= 64 GiB even though 20 GiB is in use: it may be swapped out.
        // VMEM: 64 GiB + 10 MiB > 80 GiB - 20 GiB, so the task does not fit.
        Shortfall s = new Pool().checkResources(PC1_32G, cap);
        assertThat(s.detail()).startsWith("needs 64 GiB free RAM+swap, has 60 GiB");
    }

    @Test
    void swapRaisesHowManyTasksPassTheVirtualMemoryCheck() {
        Capacity noSwap = Capacity.cpu(64, 512 * GiB);
        assertThat(admitted(PC1_32, PC1_32G, noSwap)).isEqualTo(7);
        Capacity withSwap = noSwap.withSwap(64 * GiB);
        assertThat(admitted(PC1_32, PC1_32G, withSwap)).isEqualTo(8);
    }

    @Test
    void eighthPreCommit1On512GiBWithoutSwapFailsVirtualMemoryByTenMiB() {
        Pool pool = new Pool();
        Capacity cap = Capacity.cpu(64, 512 * GiB);
        for (int i = 0; i < 7; i++) {
            pool.add("t" + i, PC1_32, PC1_32G, cap);
        }
        Shortfall s = pool.checkResources(PC1_32G, cap);
        assertThat(s.detail()).contains("free RAM+swap, has 64 GiB");
        long vmemFree = cap.memory() - pool.memUsedMax();
        assertThat(PC1_32G.maxMemory() + PC1_32G.baseMinMemory() - vmemFree).isEqualTo(10 * MiB);
    }

    @Test
    void commit2NeedsSixtyTwoGiBFreeRamButAccumulatesOnlyThirty() {
        Capacity cap = Capacity.cpu(32, 62 * GiB - 1).withSwap(200 * GiB);
        assertThat(new Pool().checkResources(C2_32G, cap).detail()).startsWith("needs 62 GiB free RAM");
        Capacity enough = Capacity.cpu(32, 62 * GiB).withSwap(200 * GiB);
        Pool pool = new Pool();
        assertThat(pool.checkResources(C2_32G, enough)).isNull();
        pool.add("c2", new TaskKey(TaskType.Commit2, SectorSize.S32GiB), C2_32G, enough);
        assertThat(pool.memUsedMin()).isEqualTo(30 * GiB);
        assertThat(pool.memUsedMax()).isEqualTo(150 * GiB);
    }

    @Test
    void cpuCheckAddsTheTaskThreadsToThoseInUse() {
        ResourceSpec pc2 = DefaultResourceTable.get(TaskType.PreCommit2, SectorSize.S2KiB);
        Capacity cap = Capacity.cpu(16, 64 * GiB);
        Pool pool = new Pool();
        pool.add("pc1", PC1_32, DefaultResourceTable.get(TaskType.PreCommit1, SectorSize.S2KiB), cap);
        pool.add("pc1b", PC1_32, DefaultResourceTable.get(TaskType.PreCommit1, SectorSize.S2KiB), cap);
        pool.add("pc1c", PC1_32, DefaultResourceTable.get(TaskType.PreCommit1, SectorSize.S2KiB), cap);
        // 3 threads used + 14 for PC2 = 17 > 16.
        assertThat(pool.checkResources(pc2, cap).detail()).isEqualTo("needs 14 threads, has 13 of 16 free");
    }

    @Test
    void fractionalGpuSharesSumToWholeGpus() {
        ResourceSpec half = DefaultResourceTable.get(TaskType.PreCommit2, SectorSize.S32GiB).withGpuUtilization(0.5);
        Capacity cap = Capacity.cpu(128, 1024 * GiB).withGpus(1, "A100", 40960);
        TaskKey key = new TaskKey(TaskType.PreCommit2, SectorSize.S32GiB);
        assertThat(admitted(key, half, cap)).isEqualTo(2);
    }

    @Test
    void tenTenthsOfAGpuFitOneGpuDespiteFloatingPointSums() {
        ResourceSpec tenth = DefaultResourceTable.get(TaskType.PreCommit2, SectorSize.S32GiB).withGpuUtilization(0.1)
                .withMaxParallelismGpu(1);
        Capacity cap = Capacity.cpu(128, 4096 * GiB).withGpus(1, "A100", 40960);
        assertThat(admitted(new TaskKey(TaskType.PreCommit2, SectorSize.S32GiB), tenth, cap)).isEqualTo(10);
    }

    @Test
    void gpuShareIsNotCheckedOnAWorkerWithoutGpus() {
        ResourceSpec pc2 = DefaultResourceTable.get(TaskType.PreCommit2, SectorSize.S32GiB);
        Pool pool = new Pool();
        Capacity cpuOnly = Capacity.cpu(128, 256 * GiB);
        pool.add("a", new TaskKey(TaskType.PreCommit2, SectorSize.S32GiB), pc2, cpuOnly);
        assertThat(pool.gpuUsed()).isZero();
    }

    @Test
    void maxConcurrentCountsPreparingAndActiveTogetherButNeverBlocksTheTaskItself() {
        ResourceSpec limited = PC1_32G.withMaxConcurrent(2);
        Capacity cap = Capacity.cpu(64, 1024 * GiB);
        Pool active = new Pool();
        Pool preparing = active.sharingCounter();
        active.add("a", PC1_32, limited, cap);
        preparing.add("b", PC1_32, limited, cap);
        assertThat(active.check("c", PC1_32, limited, cap).detail()).isEqualTo("PC1_32G_MAX_CONCURRENT=2 reached");
        // b moving from preparing to active is not blocked by its own count.
        assertThat(active.check("b", PC1_32, limited, cap)).isNull();
    }

    @Test
    void freeIsTheExactInverseOfAdd() {
        Capacity cap = Capacity.cpu(32, 256 * GiB).withGpus(1, "A100", 40960);
        Pool pool = new Pool();
        TaskKey key = new TaskKey(TaskType.Commit2, SectorSize.S32GiB);
        pool.add("c2", key, C2_32G, cap);
        pool.free("c2", key, C2_32G, cap);
        assertThat(pool.isEmpty()).isTrue();
    }

    private static int admitted(TaskKey key, ResourceSpec spec, Capacity cap) {
        Pool pool = new Pool();
        int n = 0;
        while (pool.check("t" + n, key, spec, cap) == null && n < 1000) {
            pool.add("t" + n, key, spec, cap);
            n++;
        }
        return n;
    }
}
