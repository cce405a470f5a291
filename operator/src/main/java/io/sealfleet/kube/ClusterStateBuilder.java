package io.sealfleet.kube;

import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerCapacity;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.scheduler.Capacity;
import io.sealfleet.lifecycle.TaskReason;
import io.sealfleet.scheduler.ClusterState;
import io.sealfleet.scheduler.GpuNeed;
import io.sealfleet.scheduler.PlacedTask;
import io.sealfleet.scheduler.PostReserve;
import io.sealfleet.scheduler.SectorLocation;
import io.sealfleet.scheduler.SectorRef;
import io.sealfleet.scheduler.Stage;
import io.sealfleet.scheduler.StoragePath;
import io.sealfleet.scheduler.TaskRequest;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the scheduler's input from the API objects. The operator and {@code sealfleet plan} both
 * use it, so a dry run judges objects exactly as the operator does. Objects are expected to have
 * passed validation; values that still do not convert are reported, never guessed.
 */
public final class ClusterStateBuilder {
    private final List<WorkerNode> workers = new ArrayList<>();
    private final List<TaskRequest> queue = new ArrayList<>();
    private final List<PlacedTask> placed = new ArrayList<>();
    private final List<SectorLocation> locations = new ArrayList<>();
    private final Map<String, List<String>> groups = new HashMap<>();
    private final Instant now;

    public ClusterStateBuilder(Instant now) {
        this.now = now;
    }

    public ClusterStateBuilder group(StorageGroup g) {
        groups.put(g.getMetadata().getName(), g.getSpec() == null ? null : g.getSpec().allowTo);
        return this;
    }

    /** Adds a worker; a worker that is not Ready (or has no known capacity) takes no tasks but keeps its data visible. */
    public ClusterStateBuilder worker(SealingWorker w) {
        SealingWorkerSpec spec = w.getSpec() == null ? new SealingWorkerSpec() : w.getSpec();
        SealingWorkerStatus status = w.getStatus();
        String name = w.getMetadata().getName();
        Capacity cap = capacity(spec, status);
        String notReady = null;
        if (cap == null) {
            notReady = "capacity unknown: set spec.resources.cpu and spec.resources.memory, or wait for the worker pod";
            cap = Capacity.cpu(0, 0);
        } else if (status != null && status.phase != null && status.phase != WorkerPhase.Ready
                && status.phase != WorkerPhase.Draining && status.phase != WorkerPhase.Drained) {
            notReady = "phase " + status.phase;
        } else {
            notReady = WorkerChecks.blocksSealing(status);
        }
        Set<TaskType> enabled = spec.tasks == null ? TaskType.defaultSet() : withAlwaysOn(spec.tasks);
        PostReserve reserve = spec.windowPost == null ? null : new PostReserve(
                spec.windowPost.cores == null ? 0 : spec.windowPost.cores,
                spec.windowPost.memory == null ? 0 : Bytes.parse(spec.windowPost.memory));
        boolean prover = spec.externalProver != null;
        ResourceTable table = Pc2Engine.of(spec, status).table(ResourceTable.of(spec.resourceTable, spec.env));
        workers.add(new WorkerNode(name, cap, reserve, enabled, Boolean.TRUE.equals(spec.paused), prover, notReady,
                table, paths(spec, status), WorkerAbilities.of(spec, status)));
        if (status != null && status.storage != null) {
            for (StoragePathStatus ps : status.storage) {
                if (ps.sectors == null) {
                    continue;
                }
                for (StoredSector s : ps.sectors) {
                    locations.add(new SectorLocation(sectorRef(s.miner, s.sector), ps.id, Set.copyOf(s.files)));
                }
            }
        }
        return this;
    }

    /** Adds a task: finished tasks are ignored, tasks on a worker are placed there, the rest queue. */
    public ClusterStateBuilder task(SectorTask t) {
        return task(t, null);
    }

    /**
     * Adds a task; {@code blockedBy}, when set, is a reason the caller knows the task cannot run yet
     * (the operator: its data is only on a lost worker), checked after the task's own missing inputs.
     */
    public ClusterStateBuilder task(SectorTask t, String blockedBy) {
        SectorTaskSpec spec = t.getSpec();
        SectorTaskStatus status = t.getStatus();
        TaskPhase phase = status == null ? null : status.phase;
        if (phase != null && phase.isFinished()) {
            return this;
        }
        TaskRequest req = request(t);
        if (status != null && status.worker != null && (phase == null || phase.isOnWorker())) {
            Stage stage = phase == TaskPhase.Scheduled ? Stage.ASSIGNED
                    : phase == TaskPhase.Preparing ? Stage.PREPARING : Stage.RUNNING;
            placed.add(new PlacedTask(req, status.worker, stage, status.path));
            return this;
        }
        String missing = missingInput(spec, status);
        queue.add(req.blockedBy(missing != null ? missing : blockedBy));
        return this;
    }

    public ClusterState build() {
        return new ClusterState(workers, queue, placed, locations, nullFree(groups));
    }

    /** The scheduler's view of a task: its identity, effective priority and GPU need. */
    public static TaskRequest request(SectorTask t) {
        SectorTaskSpec spec = t.getSpec();
        String id = t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
        int priority = spec.priority != null ? spec.priority : spec.type.defaultPriority();
        GpuNeed gpu = spec.gpu == null ? null
                : new GpuNeed(spec.gpu.products, spec.gpu.minMemoryMiB == null ? 0 : spec.gpu.minMemoryMiB);
        return new TaskRequest(id, spec.type, SectorSize.parse(spec.sectorSize), sectorRef(spec.miner, spec.sector),
                spec.deals == null ? 0 : spec.deals, priority, gpu, null);
    }

    /** Miners by actor ID: f01000 and t01000 are the same actor on different networks' address prefixes. */
    static SectorRef sectorRef(String miner, long number) {
        String m = miner != null && miner.length() > 1 && (miner.charAt(0) == 't' || miner.charAt(0) == 'f')
                ? "f" + miner.substring(1) : miner;
        return new SectorRef(m, number);
    }

    private String missingInput(SectorTaskSpec spec, SectorTaskStatus status) {
        Block b = block(spec, status, now);
        return b == null ? null : b.message();
    }

    /** Why a queued task cannot run whatever the workers do: its reason and message. */
    public record Block(TaskReason reason, String message) {
    }

    /**
     * The one rule for what holds a queued task back on its own: a Commit1 without its seed, or a
     * retry whose backoff has not passed. Null when nothing does.
     */
    public static Block block(SectorTaskSpec spec, SectorTaskStatus status, Instant now) {
        if (spec.type == TaskType.Commit1 && spec.seed == null) {
            return new Block(TaskReason.WaitingForSeed, "waiting for spec.seed, the interactive seed from the chain");
        }
        if (status != null && status.retryAfter != null) {
            try {
                Instant after = Instant.parse(status.retryAfter);
                if (after.isAfter(now)) {
                    return new Block(TaskReason.RetryBackoff, "attempt " + status.attempt + " failed; retrying after " + status.retryAfter);
                }
            } catch (DateTimeParseException e) {
                return new Block(TaskReason.RetryBackoff, "status.retryAfter '" + status.retryAfter + "' is not an RFC 3339 time");
            }
        }
        return null;
    }

    private static Set<TaskType> withAlwaysOn(List<TaskType> listed) {
        Set<TaskType> set = EnumSet.copyOf(TaskType.alwaysOnSet());
        set.addAll(listed);
        return set;
    }

    /**
     * The pod's grant as reported in status wins (its swap is what Kubernetes lets the pod use); otherwise
     * the spec's resources, with no swap: whether the declared swap is usable depends on the node.
     */
    private static Capacity capacity(SealingWorkerSpec spec, SealingWorkerStatus status) {
        WorkerCapacity c = status == null ? null : status.capacity;
        if (c != null && c.cpu != null && c.memory != null) {
            return new Capacity(c.cpu, Bytes.parse(c.memory), c.swap == null ? 0 : Bytes.parse(c.swap),
                    c.memoryUsed == null ? 0 : Bytes.parse(c.memoryUsed), 0, c.gpus == null ? 0 : c.gpus, c.gpuProduct,
                    c.gpuMemoryMiB == null ? 0 : c.gpuMemoryMiB);
        }
        if (spec.resources == null || spec.resources.cpu == null || spec.resources.memory == null) {
            return null;
        }
        int gpus = spec.resources.gpus == null ? 0 : spec.resources.gpus;
        String product = spec.gpu != null && spec.gpu.products != null && spec.gpu.products.size() == 1
                ? spec.gpu.products.get(0) : null;
        long gpuMem = spec.gpu != null && spec.gpu.minMemoryMiB != null ? spec.gpu.minMemoryMiB : 0;
        return new Capacity(spec.resources.cpu, Bytes.parse(spec.resources.memory), 0, 0, 0, gpus, product, gpuMem);
    }

    private static List<StoragePath> paths(SealingWorkerSpec spec, SealingWorkerStatus status) {
        List<StoragePath> out = new ArrayList<>();
        if (spec.storage == null) {
            return out;
        }
        Map<String, StoragePathStatus> reported = new HashMap<>();
        if (status != null && status.storage != null) {
            for (StoragePathStatus ps : status.storage) {
                reported.put(ps.id, ps);
            }
        }
        for (StoragePathSpec p : spec.storage) {
            StoragePathStatus ps = reported.get(p.id);
            long available = ps != null && ps.availableBytes != null ? ps.availableBytes
                    : p.maxStorage != null ? Bytes.parse(p.maxStorage) : Long.MAX_VALUE;
            out.add(new StoragePath(p.id, Boolean.TRUE.equals(p.canSeal), Boolean.TRUE.equals(p.canStore),
                    p.weight == null ? 10 : p.weight, available, p.groups, p.allowTo));
        }
        return out;
    }

    private static Map<String, List<String>> nullFree(Map<String, List<String>> m) {
        Map<String, List<String>> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
