package io.sealfleet.bench;

import static io.sealfleet.table.Bytes.GiB;

import io.sealfleet.scheduler.Capacity;
import io.sealfleet.scheduler.ClusterState;
import io.sealfleet.scheduler.GpuNeed;
import io.sealfleet.scheduler.PlacedTask;
import io.sealfleet.scheduler.QueueOrder;
import io.sealfleet.scheduler.Scheduler;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.SectorLocation;
import io.sealfleet.scheduler.SectorRef;
import io.sealfleet.scheduler.Stage;
import io.sealfleet.scheduler.StoragePath;
import io.sealfleet.scheduler.TaskRequest;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.FileType;
import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full scheduling pass over 10,000 queued tasks of mixed types and sizes and 1,000 workers,
 * beside sorting the same 10,000 tasks with the queue comparator. Target: the pass costs at most
 * 20× the sort and under 100 ms on a 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchedulingPassBenchmark {
    static final int TASKS = 10_000;
    static final int WORKERS = 1_000;

    ClusterState state;
    List<TaskRequest> shuffledQueue;
    Scheduler scheduler;

    @Setup
    public void setUp() {
        state = cluster(new Random(20261121));
        shuffledQueue = state.queue();
        scheduler = new Scheduler();
    }

    @Benchmark
    public SchedulingPlan schedulingPass() {
        return scheduler.plan(state);
    }

    @Benchmark
    public List<TaskRequest> sortQueue() {
        List<TaskRequest> copy = new ArrayList<>(shuffledQueue);
        copy.sort(QueueOrder.INSTANCE);
        return copy;
    }

    /** A mixed fleet: PC1 boxes, GPU PC2/C2 boxes with provers, and general workers, some busy. */
    static ClusterState cluster(Random r) {
        List<WorkerNode> workers = new ArrayList<>();
        List<PlacedTask> placed = new ArrayList<>();
        List<SectorLocation> locations = new ArrayList<>();
        ResourceTable limited = ResourceTable.of(Map.of("PC1_32G_MAX_CONCURRENT", "12"), Map.of("FIL_PROOFS_USE_MULTICORE_SDR", "1"));
        for (int i = 0; i < WORKERS; i++) {
            String name = String.format("w%04d", i);
            StoragePath seal = new StoragePath(name + "-nvme", true, false, 10, (4 + r.nextInt(12)) * 1024 * GiB,
                    List.of("g" + (i % 20)), i % 3 == 0 ? List.of("g" + (i % 20)) : null);
            StoragePath store = new StoragePath("store-" + (i % 10), false, true, 10, 500_000 * GiB, List.of(), null);
            WorkerNode w = switch (i % 4) {
                case 0 -> WorkerNode.of(name, Capacity.cpu(64, 1024 * GiB))
                        .withTasks(EnumSet.of(TaskType.AddPiece, TaskType.PreCommit1)).withTable(limited);
                case 1 -> WorkerNode.of(name, Capacity.cpu(32, 512 * GiB).withSwap(128 * GiB)
                                .withGpus(1, i % 8 == 1 ? "NVIDIA-A100-SXM4-80GB" : "NVIDIA-GeForce-RTX-3090", i % 8 == 1 ? 81920 : 24576))
                        .withTasks(EnumSet.of(TaskType.PreCommit2, TaskType.Commit2)).withProver(true);
                default -> WorkerNode.of(name, Capacity.cpu(48, 768 * GiB).withSwap(64 * GiB));
            };
            workers.add(w.withPaths(List.of(seal, store)));
        }
        TaskType[] types = {TaskType.AddPiece, TaskType.PreCommit1, TaskType.PreCommit1, TaskType.PreCommit2,
                TaskType.Commit1, TaskType.Commit2, TaskType.Finalize, TaskType.Fetch, TaskType.Unseal};
        SectorSize[] sizes = {SectorSize.S32GiB, SectorSize.S32GiB, SectorSize.S32GiB, SectorSize.S64GiB, SectorSize.S512MiB,
                SectorSize.S2KiB};
        List<TaskRequest> queue = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            TaskType type = types[r.nextInt(types.length)];
            SectorSize size = sizes[r.nextInt(sizes.length)];
            TaskRequest t = TaskRequest.of("sealing/t" + i, type, size, "f0" + (1000 + r.nextInt(3)), i)
                    .withDeals(r.nextInt(10) < 3 ? 1 + r.nextInt(4) : 0);
            if (type == TaskType.Commit2 && r.nextInt(4) == 0) {
                t = t.withGpu(new GpuNeed(List.of("NVIDIA-A100-SXM4-80GB"), 40000));
            }
            if (type != TaskType.AddPiece && type != TaskType.PreCommit1 && type != TaskType.Commit2) {
                String path = String.format("w%04d-nvme", r.nextInt(WORKERS));
                locations.add(new SectorLocation(t.sector(), path, Set.of(FileType.cache, FileType.sealed, FileType.unsealed)));
            }
            if (i % 10 == 0) {
                placed.add(new PlacedTask(t, String.format("w%04d", r.nextInt(WORKERS)), Stage.RUNNING, null));
            } else {
                queue.add(t);
            }
        }
        return new ClusterState(workers, queue, placed, locations, Map.of());
    }
}
