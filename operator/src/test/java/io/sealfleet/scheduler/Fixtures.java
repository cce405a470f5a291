package io.sealfleet.scheduler;

import static io.sealfleet.table.Bytes.GiB;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders that keep scheduler scenarios short. */
final class Fixtures {
    static final String MINER = "f01000";

    private Fixtures() {
    }

    static WorkerNode cpuWorker(String name, int cpus, long memGiB) {
        return WorkerNode.of(name, Capacity.cpu(cpus, memGiB * GiB));
    }

    static WorkerNode gpuWorker(String name, int cpus, long memGiB, String product, long gpuMiB) {
        return WorkerNode.of(name, Capacity.cpu(cpus, memGiB * GiB).withGpus(1, product, gpuMiB));
    }

    static TaskRequest task(String id, TaskType type, SectorSize size, long sector) {
        return TaskRequest.of("default/" + id, type, size, MINER, sector);
    }

    static List<TaskRequest> tasks(String prefix, TaskType type, SectorSize size, int n) {
        List<TaskRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(task(prefix + i, type, size, i));
        }
        return out;
    }

    static SchedulingPlan plan(List<WorkerNode> workers, List<TaskRequest> queue) {
        return new Scheduler().plan(ClusterState.of(workers, queue));
    }

    static SchedulingPlan plan(List<WorkerNode> workers, List<TaskRequest> queue, List<PlacedTask> placed) {
        return new Scheduler().plan(new ClusterState(workers, queue, placed, List.of(), Map.of()));
    }

    static String workerOf(SchedulingPlan plan, String taskId) {
        for (Assignment a : plan.assignments()) {
            if (a.task().equals("default/" + taskId)) {
                return a.worker();
            }
        }
        return null;
    }

    static String reasonOf(SchedulingPlan plan, String taskId) {
        for (Waiting w : plan.waiting()) {
            if (w.task().equals("default/" + taskId)) {
                return w.reason();
            }
        }
        return null;
    }

    static long countOn(SchedulingPlan plan, String worker) {
        return plan.assignments().stream().filter(a -> a.worker().equals(worker)).count();
    }
}
