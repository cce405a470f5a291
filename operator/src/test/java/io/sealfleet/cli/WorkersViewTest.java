package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerCapacity;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkersViewTest {
    private static SealingWorker worker(String name, String node, WorkerPhase phase, int cpu, String memory, int gpus,
                                        String product, Map<String, String> table) {
        SealingWorker w = new SealingWorker();
        w.getMetadata().setName(name);
        w.getMetadata().setNamespace("default");
        w.setSpec(new SealingWorkerSpec());
        w.getSpec().resourceTable = table;
        if (gpus > 0) {
            w.getSpec().env = Map.of("FIL_PROOFS_USE_GPU_COLUMN_BUILDER", "1", "FIL_PROOFS_USE_GPU_TREE_BUILDER", "1");
        }
        SealingWorkerStatus st = new SealingWorkerStatus();
        st.phase = phase;
        st.node = node;
        st.capacity = new WorkerCapacity();
        st.capacity.cpu = cpu;
        st.capacity.memory = memory;
        st.capacity.swap = "64Gi";
        st.capacity.gpus = gpus;
        st.capacity.gpuProduct = product;
        w.setStatus(st);
        return w;
    }

    private static SectorTask task(String name, TaskType type, String worker, TaskPhase phase) {
        SectorTask t = new SectorTask();
        t.getMetadata().setName(name);
        t.getMetadata().setNamespace("default");
        t.setSpec(new SectorTaskSpec());
        t.getSpec().miner = "f01000";
        t.getSpec().sector = 1L;
        t.getSpec().sectorSize = "32GiB";
        t.getSpec().type = type;
        t.setStatus(new SectorTaskStatus());
        t.getStatus().worker = worker;
        t.getStatus().phase = phase;
        return t;
    }

    @Test
    void rendersTheLotusSealingWorkersViewFromTheActivePool() {
        List<SectorTask> tasks = new ArrayList<>();
        tasks.add(task("pc1-a", TaskType.PreCommit1, "pc1-box", TaskPhase.Running));
        tasks.add(task("pc1-b", TaskType.PreCommit1, "pc1-box", TaskPhase.Scheduled));
        tasks.add(task("get-a", TaskType.Fetch, "pc1-box", TaskPhase.Preparing));
        tasks.add(task("pc2-a", TaskType.PreCommit2, "gpu-box", TaskPhase.Running));
        String out = WorkersView.render(WorkersView.rows(List.of(
                worker("pc1-box", "node-1", WorkerPhase.Ready, 32, "512Gi", 0, null, Map.of("PC1_32G_MAX_CONCURRENT", "4")),
                worker("gpu-box", "node-2", WorkerPhase.Lost, 32, "256Gi", 1, "NVIDIA-GeForce-RTX-3090", null)), tasks));
        String bar10 = "[" + "|".repeat(10) + " ".repeat(30) + "]";
        assertThat(out).isEqualTo(""
                + "Worker gpu-box, host node-2 (lost)\n"
                + "\tTASK: PC2(1)\n"
                + "\tCPU:  [||||||||" + " ".repeat(32) + "] 6/32 core(s) in use\n"
                + "\tRAM:  [||" + " ".repeat(38) + "] 6% 15 GiB/256 GiB\n"
                + "\tVMEM: [||" + " ".repeat(38) + "] 5% 15 GiB/320 GiB\n"
                + "\tGPU:  [" + "|".repeat(40) + "] 100% 1.00/1 gpu(s) in use\n"
                + "\tGPU: NVIDIA-GeForce-RTX-3090, used\n"
                + "Worker pc1-box, host node-1\n"
                + "\tTASK: GET(1) PC1(1/4)\n"
                + "\tCPU:  [|" + " ".repeat(39) + "] 1/32 core(s) in use\n"
                + "\tRAM:  [||||" + " ".repeat(36) + "] 11% 56 GiB/512 GiB\n"
                + "\tVMEM: [||||" + " ".repeat(36) + "] 11% 64 GiB/576 GiB\n");
        assertThat(WorkersView.bar(1, 4)).isEqualTo(bar10);
    }

    @Test
    void countersNameTheSectorSizeWhenAWorkerRunsSeveralSizes() {
        SectorTask small = task("pc1-small", TaskType.PreCommit1, "pc1-box", TaskPhase.Running);
        small.getSpec().sectorSize = "2KiB";
        List<SectorTask> tasks = List.of(task("pc1-a", TaskType.PreCommit1, "pc1-box", TaskPhase.Running), small,
                task("ap-a", TaskType.AddPiece, "pc1-box", TaskPhase.Running));
        List<WorkersView.Row> rows = WorkersView.rows(List.of(worker("pc1-box", "node-1", WorkerPhase.Ready, 32, "512Gi", 0,
                null, Map.of("PC1_32G_MAX_CONCURRENT", "4"))), tasks);
        assertThat(rows.get(0).tasks()).isEqualTo("PC1 2K(1) PC1 32G(1/4) AP 32G(1)");
    }

    @Test
    void countersLeaveTheSizeOutWhenEveryTaskHasTheSameSize() {
        List<WorkersView.Row> rows = WorkersView.rows(List.of(worker("pc1-box", "node-1", WorkerPhase.Ready, 32, "512Gi", 0,
                null, Map.of("PC1_32G_MAX_CONCURRENT", "4"))), List.of(task("pc1-a", TaskType.PreCommit1, "pc1-box",
                TaskPhase.Running), task("ap-a", TaskType.AddPiece, "pc1-box", TaskPhase.Running)));
        assertThat(rows.get(0).tasks()).isEqualTo("PC1(1/4) AP(1)");
    }

    @Test
    void showsTheMemoryAndSwapThePodUsesNextToWhatItsTasksReserve() {
        SealingWorker w = worker("pc1-box", "node-1", WorkerPhase.Ready, 32, "512Gi", 0, null, null);
        w.getStatus().agent = new io.sealfleet.api.AgentReport();
        w.getStatus().agent.memoryInUseBytes = 70L << 30;
        w.getStatus().agent.swapInUseBytes = 3L << 30;
        w.getStatus().agent.cgroup = "v2";
        String out = WorkersView.render(WorkersView.rows(List.of(w),
                List.of(task("pc1-a", TaskType.PreCommit1, "pc1-box", TaskPhase.Running))));
        assertThat(out).contains("\tRAM:  [").contains("% 56 GiB/512 GiB\n")
                .contains("\tUSE:  RAM 70 GiB, swap 3 GiB in use by the pod (cgroup v2)\n");
        assertThat(out.indexOf("USE:")).isGreaterThan(out.indexOf("VMEM:"));
    }

    @Test
    void printsNoUseLineBeforeTheAgentHasReportedIt() {
        String out = WorkersView.render(WorkersView.rows(List.of(worker("pc1-box", "node-1", WorkerPhase.Ready, 32, "512Gi", 0,
                null, null)), List.of()));
        assertThat(out).doesNotContain("USE:");
    }
}
