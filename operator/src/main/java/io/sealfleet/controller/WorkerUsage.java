package io.sealfleet.controller;

import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.scheduler.Capacity;
import io.sealfleet.scheduler.Pool;
import io.sealfleet.scheduler.TaskKey;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tasks on one worker hold, with the scheduler's own pool arithmetic: the active pool (Running),
 * the preparing pool (Preparing; both share one task counter, as in Lotus), the tasks bound and not
 * started, and the {@code lotus-miner sealing workers} TASK counters.
 */
public final class WorkerUsage {
    private final WorkerNode node;
    private final Pool active = new Pool();
    private final Pool preparing = active.sharingCounter();
    private final List<String> assigned = new ArrayList<>();
    private final List<String> preparingIds = new ArrayList<>();
    private final List<String> activeIds = new ArrayList<>();
    private final Map<TaskKey, Integer> counted = new TreeMap<>(Comparator.<TaskKey>comparingInt(k -> k.type().lotusOrder())
            .thenComparing(TaskKey::type).thenComparing(TaskKey::size));

    public WorkerUsage(WorkerNode node, List<SectorTask> tasksOnWorker) {
        this.node = node;
        Capacity cap = node.sealingCapacity();
        List<SectorTask> sorted = new ArrayList<>(tasksOnWorker);
        sorted.sort(Comparator.comparing(t -> t.getMetadata().getNamespace() + "/" + t.getMetadata().getName()));
        for (SectorTask t : sorted) {
            TaskPhase phase = t.getStatus() == null ? null : t.getStatus().phase;
            String id = t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
            TaskType type = t.getSpec().type;
            SectorSize size = SectorSize.parse(t.getSpec().sectorSize);
            TaskKey key = TaskKey.of(type, size);
            ResourceSpec need = node.table().get(type, size);
            if (phase == TaskPhase.Scheduled) {
                assigned.add(id);
            } else if (phase == TaskPhase.Preparing) {
                preparing.add(id, key, need, cap);
                preparingIds.add(id);
                counted.merge(key, 1, Integer::sum);
            } else if (phase == TaskPhase.Running) {
                active.add(id, key, need, cap);
                activeIds.add(id);
                counted.merge(key, 1, Integer::sum);
            }
        }
    }

    public WorkerNode node() {
        return node;
    }

    public Pool active() {
        return active;
    }

    public Pool preparing() {
        return preparing;
    }

    public List<String> assigned() {
        return assigned;
    }

    public List<String> preparingIds() {
        return preparingIds;
    }

    public List<String> activeIds() {
        return activeIds;
    }

    /** Cores the running and preparing tasks hold. */
    public int cpuAllocated() {
        return active.cpuUse() + preparing.cpuUse();
    }

    public long memoryAllocated() {
        return active.memUsedMin() + preparing.memUsedMin();
    }

    public double gpuAllocated() {
        return active.gpuUsed() + preparing.gpuUsed();
    }

    /**
     * {@code PC1(1/4) AP(15/15) GET(3)}: tasks preparing or running by type and size, in Lotus's order,
     * with MaxConcurrent from the worker's table where it sets one. When the worker runs sectors of more
     * than one size, each counter names its size ({@code PC1 32G(1/4) PC1 2K(1)}): the limits are per
     * size, so {@code PC1(1/4) PC1(1)} would not say which is which. Empty when idle.
     */
    public String counters() {
        boolean mixed = counted.keySet().stream().map(TaskKey::size).distinct().count() > 1;
        List<String> parts = new ArrayList<>();
        counted.forEach((key, n) -> {
            int max = node.table().get(key.type(), key.size()).maxConcurrent();
            parts.add(key.type().shortName() + (mixed ? " " + key.size().envName() : "") + "(" + n
                    + (max > 0 ? "/" + max : "") + ")");
        });
        return String.join(" ", parts);
    }
}
