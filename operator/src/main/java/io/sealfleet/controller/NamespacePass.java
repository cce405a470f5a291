package io.sealfleet.controller;

import io.sealfleet.kube.ClusterStateBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StorageGroupStatus;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.api.WorkerPools;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.api.validation.SpecValidator;
import io.sealfleet.lifecycle.TaskDecision;
import io.sealfleet.lifecycle.TaskEvent;
import io.sealfleet.lifecycle.TaskLifecycle;
import io.sealfleet.lifecycle.TaskStateMachine;
import io.sealfleet.lifecycle.Transition;
import io.sealfleet.metrics.OperatorMetrics;
import io.sealfleet.scheduler.Assignment;
import io.sealfleet.scheduler.ClusterState;
import io.sealfleet.scheduler.Scheduler;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.Waiting;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskFiles;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace in one pass: judge the workers, move tasks through what the operator owns (retries,
 * pipelines, requeues from lost workers), run the scheduler and bind, then write the waiting reasons,
 * the workers' and the groups' status.
 */
final class NamespacePass {
    private static final Logger LOG = LoggerFactory.getLogger(NamespacePass.class);
    static final String WAITING_FOR_INPUT = "WaitingForInput";

    /** A task as the pass currently knows it (updated after each write). */
    private record Current(GenericKubernetesResource raw, SectorTask task) {
    }

    private final SchedulingLoop loop;
    private final PassContext ctx;
    private final SchedulingLoop.Namespace ns;
    private final Instant now;
    private final Map<String, WorkerAssessment> workers = new LinkedHashMap<>();
    private final Map<String, Current> live = new LinkedHashMap<>();
    private final Map<String, String> blockCodes = new HashMap<>();
    private final Set<String> groupNames = new HashSet<>();
    private final TaskLifecycle lifecycle;

    NamespacePass(SchedulingLoop loop, PassContext ctx, SchedulingLoop.Namespace ns) {
        this.loop = loop;
        this.ctx = ctx;
        this.ns = ns;
        this.now = ctx.now;
        this.lifecycle = new TaskLifecycle(now, NamespacePass::copy);
    }

    void run() {
        for (KindCache.Item<StorageGroup> g : ns.groups) {
            groupNames.add(g.raw().getMetadata().getName());
        }
        judgeWorkers();
        List<Current> queued = new ArrayList<>();
        List<Current> placed = new ArrayList<>();
        for (KindCache.Item<SectorTask> item : ns.tasks) {
            try {
                Current c = lifecycle(item);
                if (c == null) {
                    continue;
                }
                TaskPhase phase = c.task().getStatus() == null ? null : c.task().getStatus().phase;
                if (phase == null || phase.isQueued()) {
                    queued.add(c);
                } else if (phase.isOnWorker()) {
                    placed.add(c);
                }
            } catch (KubernetesClientException | IllegalArgumentException e) {
                warn("SectorTask {}: {}", item.key(), e.getMessage());
            }
        }
        ClusterState state = buildState(queued, placed);
        SchedulingPlan plan = new Scheduler().plan(state);
        Set<String> bound = bind(plan);
        writeWaiting(plan, bound);
        Map<String, WorkerNode> nodes = new HashMap<>();
        for (WorkerNode n : state.workers()) {
            nodes.put(n.name(), n);
        }
        writeWorkers(nodes);
        writeGroups();
        for (Current c : live.values()) {
            TaskPhase phase = c.task().getStatus() == null || c.task().getStatus().phase == null ? TaskPhase.Pending
                    : c.task().getStatus().phase;
            ctx.countTask(c.task().getSpec().type, phase);
        }
    }

    // ---- workers ------------------------------------------------------------------------------------

    private void judgeWorkers() {
        for (KindCache.Item<SealingWorker> item : ns.workers) {
            WorkerAssessment a = new WorkerAssessment(item);
            a.validate(groupNames);
            if (a.valid()) {
                String name = item.raw().getMetadata().getName();
                a.observe(ctx.pods.get(ns.name + "/" + WorkerPods.podName(name)),
                        ctx.leases.get(ns.name + "/" + WorkerPods.leaseName(name)), ctx.nodes, now);
            }
            workers.put(item.raw().getMetadata().getName(), a);
        }
    }

    // ---- tasks: what the operator owns after binding -------------------------------------------------

    /**
     * Validates the task and moves its phase on from what happened since the last pass: the agent's
     * report on the current attempt, or the loss of its worker. Returns the task as it now is when it
     * still takes part in scheduling, or null.
     */
    private Current lifecycle(KindCache.Item<SectorTask> item) {
        List<FieldError> errors = item.parseError() != null ? List.of(item.parseError()) : SpecValidator.validate(item.object());
        if (!errors.isEmpty()) {
            loop.writeInvalid(loop.tasks, item.raw(), errors, now);
            return null;
        }
        Current c = new Current(item.raw(), item.object());
        live.put(item.key(), c);
        SectorTaskStatus st = c.task().getStatus();
        TaskDecision d = lifecycle.decide(c.task(), workerState(st));
        if (d.status() != null) {
            if (!write(c, d.status())) {
                return null;
            }
            record(c, d);
            c = live.get(item.key());
        }
        TaskPhase phase = c.task().getStatus() == null ? null : c.task().getStatus().phase;
        if (phase == TaskPhase.Succeeded) {
            startNextOfPipeline(c.task());
            return null;
        }
        return phase == TaskPhase.Failed ? null : c;
    }

    /** The state of the worker a task is bound to, as the lifecycle decider needs it. */
    private TaskLifecycle.WorkerState workerState(SectorTaskStatus st) {
        if (st == null || st.worker == null) {
            return TaskLifecycle.WorkerState.PRESENT;
        }
        WorkerAssessment w = workers.get(st.worker);
        if (w == null) {
            return TaskLifecycle.WorkerState.gone(st.worker);
        }
        return w.valid() && w.livePhase == WorkerPhase.Lost ? TaskLifecycle.WorkerState.lost(st.worker, w.readyMessage)
                : TaskLifecycle.WorkerState.PRESENT;
    }

    /** Metrics and events of a decision that was written. */
    private void record(Current c, TaskDecision d) {
        TaskType type = c.task().getSpec().type;
        switch (d.outcome()) {
            case SUCCEEDED -> loop.metrics().finished(type, d.ran());
            case FAILED -> {
                loop.metrics().failed(type);
                loop.metrics().finished(type, d.ran());
            }
            case RETRYING -> loop.metrics().retried(type);
            case REQUEUED -> loop.metrics().requeued(type);
            case NONE, PROGRESSED -> {
            }
        }
        if (d.eventReason() != null) {
            loop.events().warning(c.raw(), d.eventReason(), d.eventMessage());
        }
    }

    private void startNextOfPipeline(SectorTask t) {
        if (!Boolean.TRUE.equals(t.getSpec().pipeline)) {
            return;
        }
        SectorTask next = Pipelines.nextTask(t);
        if (next != null) {
            String key = ns.name + "/" + next.getMetadata().getName();
            if (!live.containsKey(key) && ns.tasks.stream().noneMatch(i -> i.key().equals(key))
                    && !loop.recentlyCreated(key)) {
                loop.createOnce(next);
            }
        }
    }

    // ---- scheduling ---------------------------------------------------------------------------------

    private ClusterState buildState(List<Current> queued, List<Current> placed) {
        ClusterStateBuilder b = new ClusterStateBuilder(now);
        for (KindCache.Item<StorageGroup> g : ns.groups) {
            if (g.object() != null) {
                b.group(g.object());
            }
        }
        Set<String> usable = new HashSet<>();
        for (WorkerAssessment w : workers.values()) {
            if (w.valid()) {
                try {
                    b.worker(w.forScheduler());
                    usable.add(w.name());
                } catch (IllegalArgumentException e) {
                    warn("SealingWorker {}/{}: {}", ns.name, w.name(), e.getMessage());
                }
            }
        }
        for (Current c : placed) {
            if (usable.contains(c.task().getStatus().worker)) {
                b.task(c.task());
            }
        }
        LostData lost = new LostData();
        for (Current c : queued) {
            SectorTask t = c.task();
            String blocked = lost.blocks(t);
            String key = key(c);
            ClusterStateBuilder.Block own = ClusterStateBuilder.block(t.getSpec(), t.getStatus(), now);
            if (own != null) {
                blockCodes.put(key, own.code());
            } else if (blocked != null) {
                blockCodes.put(key, "DataOnLostWorker");
            }
            b.task(t, blocked);
        }
        return b.build();
    }

    /** Sector files that only lost workers hold: tasks that read them wait for those workers. */
    private final class LostData {
        private final Map<String, Set<FileType>> reachable = new HashMap<>();
        private final Map<String, Map<FileType, Set<String>>> onLost = new HashMap<>();

        LostData() {
            Set<String> alivePaths = new HashSet<>();
            for (WorkerAssessment w : workers.values()) {
                if (w.valid() && w.livePhase != WorkerPhase.Lost && w.spec().storage != null) {
                    w.spec().storage.forEach(p -> alivePaths.add(p.id));
                }
            }
            for (WorkerAssessment w : workers.values()) {
                SealingWorkerStatus st = w.worker == null ? null : w.worker.getStatus();
                if (!w.valid() || st == null || st.storage == null) {
                    continue;
                }
                for (StoragePathStatus p : st.storage) {
                    for (StoredSector s : p.sectors == null ? List.<StoredSector>of() : p.sectors) {
                        String sector = s.miner + "/" + s.sector;
                        for (FileType f : s.files == null ? List.<FileType>of() : s.files) {
                            if (f == null) {
                                continue;
                            }
                            if (alivePaths.contains(p.id)) {
                                reachable.computeIfAbsent(sector, k -> EnumSet.noneOf(FileType.class)).add(f);
                            } else if (w.livePhase == WorkerPhase.Lost) {
                                onLost.computeIfAbsent(sector, k -> new HashMap<>())
                                        .computeIfAbsent(f, k -> new TreeSet<>()).add(w.name());
                            }
                        }
                    }
                }
            }
        }

        String blocks(SectorTask t) {
            String sector = t.getSpec().miner + "/" + t.getSpec().sector;
            Map<FileType, Set<String>> lostFiles = onLost.get(sector);
            if (lostFiles == null) {
                return null;
            }
            Set<FileType> have = reachable.getOrDefault(sector, Set.of());
            Set<String> holders = new TreeSet<>();
            Set<FileType> missing = new TreeSet<>();
            for (FileType f : TaskFiles.of(t.getSpec().type).inputs(t.getSpec().deals != null && t.getSpec().deals > 0)) {
                if (!have.contains(f) && lostFiles.containsKey(f)) {
                    missing.add(f);
                    holders.addAll(lostFiles.get(f));
                }
            }
            if (missing.isEmpty()) {
                return null;
            }
            return "its " + String.join(", ", missing.stream().map(Enum::name).toList()) + " files are only on lost worker"
                    + (holders.size() == 1 ? " " : "s ") + String.join(", ", holders)
                    + "; it waits until the worker heartbeats again (delete the task to give the sector up)";
        }
    }

    /**
     * Binds the pass's assignments. The writes are independent (each is conditional on the version its
     * decision saw), so they go out in parallel; a refused one only drops that binding.
     */
    private Set<String> bind(SchedulingPlan plan) {
        record Binding(Current current, SectorTaskStatus status, String queuedSince,
                       CompletableFuture<GenericKubernetesResource> write) {
        }
        List<Binding> bindings = new ArrayList<>();
        for (Assignment a : plan.assignments()) {
            Current c = live.get(a.task());
            if (c == null) {
                continue;
            }
            SectorTaskStatus st = c.task().getStatus();
            SectorTaskStatus next = copy(st);
            int attempt = st == null || st.attempt == null ? 1 : st.attempt;
            String queuedSince = st != null && st.retryAfter != null ? st.retryAfter
                    : c.raw().getMetadata().getCreationTimestamp();
            TaskLifecycle.move(next, TaskEvent.Bound);
            next.worker = a.worker();
            next.path = a.pathId();
            next.attempt = attempt;
            next.retryAfter = null;
            next.reason = null;
            next.message = null;
            next.observedGeneration = generation(c);
            next.conditions = Conditions.set(next.conditions, Conditions.VALID, true, "SpecValid", "the spec is valid",
                    generation(c), now);
            next.conditions = Conditions.set(next.conditions, Conditions.SCHEDULED, true, "Bound",
                    "bound to worker " + a.worker() + (a.pathId() == null ? "" : " (path " + a.pathId() + ")")
                            + " as attempt " + attempt, generation(c), now);
            bindings.add(new Binding(c, next, queuedSince,
                    CompletableFuture.supplyAsync(() -> loop.write(loop.tasks, c.raw(), next), loop.writers())));
        }
        Set<String> bound = new HashSet<>();
        for (Binding b : bindings) {
            GenericKubernetesResource written;
            try {
                written = b.write().join();
            } catch (CompletionException e) {
                warn("SectorTask {}: binding failed: {}", key(b.current()), e.getCause() == null ? e : e.getCause().getMessage());
                continue;
            }
            if (written == null) {
                loop.metrics().bindingConflict();
                continue;
            }
            SectorTask typed = Json.convert(written, SectorTask.class).object();
            if (typed != null) {
                live.put(key(b.current()), new Current(written, typed));
            }
            bound.add(key(b.current()));
            loop.metrics().bound(b.current().task().getSpec().type, TaskLifecycle.between(b.queuedSince(), Conditions.time(now)));
        }
        return bound;
    }

    /** Each waiting task's condition names the scheduler's reason; written only when it changed. */
    private void writeWaiting(SchedulingPlan plan, Set<String> bound) {
        for (Waiting w : plan.waiting()) {
            Current c = live.get(w.task());
            if (c == null || bound.contains(w.task())) {
                continue;
            }
            String code = blockCodes.getOrDefault(w.task(), w.code());
            boolean blocked = WAITING_FOR_INPUT.equals(w.code()) || blockCodes.containsKey(w.task());
            TaskEvent event = TaskLifecycle.RETRY_BACKOFF.equals(code) ? TaskEvent.BackingOff : blocked ? TaskEvent.Blocked : TaskEvent.Queued;
            SectorTaskStatus next = copy(c.task().getStatus());
            Transition t = TaskStateMachine.next(next.phase, event);
            if (!t.allowed()) {
                continue;
            }
            next.phase = t.to();
            next.reason = code;
            next.message = w.reason();
            next.observedGeneration = generation(c);
            next.conditions = Conditions.set(next.conditions, Conditions.VALID, true, "SpecValid", "the spec is valid",
                    generation(c), now);
            next.conditions = Conditions.set(next.conditions, Conditions.SCHEDULED, false, code, w.reason(),
                    generation(c), now);
            write(c, next);
        }
    }

    // ---- worker and group status --------------------------------------------------------------------

    private void writeWorkers(Map<String, WorkerNode> nodes) {
        Map<String, List<SectorTask>> onWorker = new HashMap<>();
        for (Current c : live.values()) {
            SectorTaskStatus st = c.task().getStatus();
            if (st != null && st.worker != null && st.phase != null && st.phase.isOnWorker()) {
                onWorker.computeIfAbsent(st.worker, k -> new ArrayList<>()).add(c.task());
            }
        }
        for (WorkerAssessment w : workers.values()) {
            try {
                writeWorker(w, nodes.get(w.name()), onWorker.getOrDefault(w.name(), List.of()));
            } catch (KubernetesClientException | IllegalArgumentException e) {
                warn("SealingWorker {}/{}: {}", ns.name, w.name(), e.getMessage());
            }
        }
    }

    private void writeWorker(WorkerAssessment w, WorkerNode node, List<SectorTask> tasks) {
        if (!w.valid()) {
            loop.writeInvalid(loop.workers, w.item.raw(), w.errors, now);
            SealingWorkerStatus old = w.worker == null ? null : w.worker.getStatus();
            ctx.countWorker(old == null || old.phase == null ? WorkerPhase.Pending : old.phase);
            return;
        }
        SealingWorker sw = w.worker;
        SealingWorkerStatus old = sw.getStatus();
        SealingWorkerStatus next = old == null ? new SealingWorkerStatus() : Json.copy(old, SealingWorkerStatus.class);
        Long gen = sw.getMetadata().getGeneration();
        WorkerUsage usage = node == null ? null : new WorkerUsage(node, tasks);
        WorkerPhase phase = w.livePhase;
        boolean stopping = w.deleting || Boolean.TRUE.equals(w.spec().paused);
        if (phase == WorkerPhase.Ready && stopping) {
            phase = tasks.isEmpty() ? WorkerPhase.Drained : WorkerPhase.Draining;
        }
        next.phase = phase;
        next.pod = w.pod == null ? null : w.pod.getMetadata().getName();
        next.node = w.pod == null || w.pod.getSpec() == null ? null : w.pod.getSpec().getNodeName();
        next.capacity = w.capacity;
        next.lastHeartbeat = w.lastHeartbeat;
        next.observedGeneration = gen;
        if (usage != null) {
            WorkerPools pools = new WorkerPools();
            pools.assigned = usage.assigned().isEmpty() ? null : usage.assigned();
            pools.preparing = usage.preparingIds().isEmpty() ? null : usage.preparingIds();
            pools.active = usage.activeIds().isEmpty() ? null : usage.activeIds();
            next.pools = pools;
            next.tasks = usage.counters().isEmpty() ? null : usage.counters();
        }
        next.conditions = Conditions.set(next.conditions, Conditions.VALID, true, "SpecValid", "the spec is valid", gen, now);
        String readyReason = w.readyReason;
        String readyMessage = w.readyMessage;
        if (w.alive && stopping) {
            readyReason = phase == WorkerPhase.Drained ? "Drained" : "Draining";
            readyMessage = (w.deleting ? "being deleted" : "paused") + ": takes no new sealing work; "
                    + (tasks.isEmpty() ? "no tasks left" : tasks.size() + " task(s) still on the worker");
        }
        next.conditions = Conditions.set(next.conditions, Conditions.READY, w.alive, readyReason, readyMessage, gen, now);
        List<WorkerCheckConditions.Warning> checkWarnings = WorkerCheckConditions.apply(w.spec(), next, w.swap, gen, now);
        GenericKubernetesResource written = loop.write(loop.workers, w.item.raw(), next);
        for (WorkerCheckConditions.Warning warning : checkWarnings) {
            loop.events().warning(w.item.raw(), warning.reason(), warning.message());
        }
        if (written != null && written != w.item.raw()) {
            if (phase == WorkerPhase.Lost && (old == null || old.phase != WorkerPhase.Lost)) {
                loop.events().warning(w.item.raw(), "WorkerLost", readyMessage);
            }
        }
        if (w.unschedulable != null) {
            loop.events().warning(w.item.raw(), "Unschedulable", w.unschedulable);
        }
        labelGpuProduct(w);
        ctx.countWorker(phase);
        if (usage != null && w.capacity != null && w.capacity.cpu != null) {
            SealingWorkerSpec spec = w.spec();
            Integer reserved = spec.windowPost == null ? null : spec.windowPost.cores == null ? 0 : spec.windowPost.cores;
            ctx.samples.add(new OperatorMetrics.WorkerSample(ns.name, w.name(), usage.cpuAllocated(), w.capacity.cpu,
                    usage.memoryAllocated(), w.capacity.memory == null ? 0 : Bytes.parse(w.capacity.memory),
                    usage.gpuAllocated(), w.capacity.gpus == null ? 0 : w.capacity.gpus, reserved));
        }
    }

    /** Once the pod is on a node, its GPU product label is the node's (nvidia.com/gpu.product). */
    private void labelGpuProduct(WorkerAssessment w) {
        Pod pod = w.pod;
        if (pod == null || w.capacity == null || w.capacity.gpuProduct == null) {
            return;
        }
        String value = WorkerPods.labelValue(w.capacity.gpuProduct);
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels != null && value.equals(labels.get(WorkerPods.GPU_PRODUCT_LABEL))) {
            return;
        }
        loop.client().pods().inNamespace(ns.name).withName(pod.getMetadata().getName()).patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + WorkerPods.GPU_PRODUCT_LABEL + "\":\"" + value + "\"}}}");
    }

    private void writeGroups() {
        for (KindCache.Item<StorageGroup> item : ns.groups) {
            if (item.object() == null) {
                loop.writeInvalid(loop.groups, item.raw(), List.of(item.parseError()), now);
                continue;
            }
            StorageGroup g = item.object();
            String name = g.getMetadata().getName();
            List<String> members = new ArrayList<>();
            Map<String, StoragePathStatus> reports = new LinkedHashMap<>();
            Set<String> sectors = new TreeSet<>();
            Set<String> workersIn = new TreeSet<>();
            for (WorkerAssessment w : workers.values()) {
                if (!w.valid() || w.spec().storage == null) {
                    continue;
                }
                Map<String, StoragePathStatus> reported = new HashMap<>();
                if (w.worker.getStatus() != null && w.worker.getStatus().storage != null) {
                    w.worker.getStatus().storage.forEach(p -> reported.put(p.id, p));
                }
                for (StoragePathSpec p : w.spec().storage) {
                    if (p.groups == null || !p.groups.contains(name)) {
                        continue;
                    }
                    members.add(w.name() + "/" + p.id);
                    workersIn.add(w.name());
                    StoragePathStatus r = reported.get(p.id);
                    if (r != null) {
                        reports.putIfAbsent(p.id, r);
                        if (r.sectors != null) {
                            r.sectors.forEach(s -> sectors.add(s.miner + "/" + s.sector));
                        }
                    }
                }
            }
            long capacity = 0;
            long available = 0;
            for (StoragePathStatus r : reports.values()) {
                capacity += r.capacityBytes == null ? 0 : r.capacityBytes;
                available += r.availableBytes == null ? 0 : r.availableBytes;
            }
            StorageGroupStatus old = g.getStatus();
            StorageGroupStatus next = old == null ? new StorageGroupStatus() : Json.copy(old, StorageGroupStatus.class);
            next.members = members;
            next.pathCount = members.size();
            next.capacityBytes = capacity;
            next.availableBytes = available;
            next.available = Bytes.format(available);
            next.sectors = sectors.size();
            next.observedGeneration = g.getMetadata().getGeneration();
            if (members.isEmpty()) {
                next.conditions = Conditions.set(next.conditions, Conditions.READY, false, "NoMembers",
                        "no SealingWorker in namespace " + ns.name + " lists '" + name
                                + "' in spec.storage[].groups; add it to a worker's storage path", next.observedGeneration, now);
            } else {
                next.conditions = Conditions.set(next.conditions, Conditions.READY, true, "HasMembers",
                        members.size() + " path(s) on " + workersIn.size() + " worker(s); " + reports.size()
                                + " reporting their space", next.observedGeneration, now);
            }
            try {
                loop.write(loop.groups, item.raw(), next);
            } catch (KubernetesClientException e) {
                warn("StorageGroup {}/{}: {}", ns.name, name, e.getMessage());
            }
        }
    }

    /** Problems with one object are logged and the pass goes on; during a stop they are expected and quiet. */
    private void warn(String format, Object... args) {
        if (loop.isRunning()) {
            LOG.warn(format, args);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Writes a task's status; on success the pass continues with the stored object. */
    private boolean write(Current c, SectorTaskStatus status) {
        GenericKubernetesResource written = loop.write(loop.tasks, c.raw(), status);
        if (written == null) {
            return false;
        }
        if (written != c.raw()) {
            SectorTask typed = Json.convert(written, SectorTask.class).object();
            if (typed != null) {
                live.put(key(c), new Current(written, typed));
            }
        }
        return true;
    }

    private static String key(Current c) {
        return c.raw().getMetadata().getNamespace() + "/" + c.raw().getMetadata().getName();
    }

    private static Long generation(Current c) {
        return c.raw().getMetadata().getGeneration();
    }

    private static SectorTaskStatus copy(SectorTaskStatus st) {
        return st == null ? new SectorTaskStatus() : Json.copy(st, SectorTaskStatus.class);
    }
}
