package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.api.validation.SpecValidator;
import io.sealfleet.kube.ClusterStateBuilder;
import io.sealfleet.lifecycle.TaskDecision;
import io.sealfleet.lifecycle.TaskLifecycle;
import io.sealfleet.lifecycle.TaskReason;
import io.sealfleet.scheduler.ClusterState;
import io.sealfleet.scheduler.Scheduler;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.WorkerNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One namespace in one pass, in order: judge the workers ({@link WorkerAssessment}), move each task
 * through what the operator owns ({@link TaskLifecycle}), run the scheduler and turn its plan into
 * bindings and waiting reasons ({@link BindingDecider}), then the workers' status and pods
 * ({@link WorkerStatusDecider}, {@link WorkerPodDecider}) and the groups' status ({@link GroupStatusDecider}).
 * The deciders return intended changes;
 * {@link PassWriter} alone writes them.
 */
final class NamespacePass {
    private final PassWriter writer;
    private final PassContext ctx;
    private final SchedulingLoop.Namespace ns;
    private final Instant now;
    private final Map<String, WorkerAssessment> workers = new LinkedHashMap<>();
    private final Map<String, LiveTask> live = new LinkedHashMap<>();
    /** The operator's own reason for holding a queued task back, by namespace/name. */
    private final Map<String, TaskReason> holds = new HashMap<>();
    private final TaskLifecycle lifecycle;

    NamespacePass(PassWriter writer, PassContext ctx, SchedulingLoop.Namespace ns) {
        this.writer = writer;
        this.ctx = ctx;
        this.ns = ns;
        this.now = ctx.now;
        this.lifecycle = new TaskLifecycle(now, NamespacePass::copy);
    }

    void run() {
        judgeWorkers();
        List<LiveTask> queued = new ArrayList<>();
        List<LiveTask> placed = new ArrayList<>();
        for (KindCache.Item<SectorTask> item : ns.tasks) {
            try {
                LiveTask t = lifecycle(item);
                if (t == null) {
                    continue;
                }
                TaskPhase phase = t.phase();
                if (phase == null || phase.isQueued()) {
                    queued.add(t);
                } else if (phase.isOnWorker()) {
                    placed.add(t);
                }
            } catch (KubernetesClientException | IllegalArgumentException e) {
                writer.warn("SectorTask {}: {}", item.key(), e.getMessage());
            }
        }
        ClusterState state = buildState(queued, placed);
        SchedulingPlan plan = new Scheduler().plan(state);
        BindingDecider.Decisions decisions = BindingDecider.decide(plan, live, holds, now);
        live.putAll(writer.bind(decisions.bindings(), now));
        for (TaskWrite w : decisions.waiting()) {
            write(w);
        }
        Map<String, WorkerNode> nodes = new HashMap<>();
        for (WorkerNode n : state.workers()) {
            nodes.put(n.name(), n);
        }
        writeWorkers(nodes);
        writeGroups();
        for (LiveTask t : live.values()) {
            TaskPhase phase = t.phase() == null ? TaskPhase.Pending : t.phase();
            ctx.countTask(t.task().getSpec().type, phase);
        }
    }

    private void judgeWorkers() {
        Set<String> groupNames = new HashSet<>();
        for (KindCache.Item<StorageGroup> g : ns.groups) {
            groupNames.add(g.raw().getMetadata().getName());
        }
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

    /**
     * Validates the task and moves its phase on from what happened since the last pass: the agent's
     * report on the current attempt, or the loss of its worker. Returns the task as it now is when it
     * still takes part in scheduling, or null.
     */
    private LiveTask lifecycle(KindCache.Item<SectorTask> item) {
        List<FieldError> errors = item.parseError() != null ? List.of(item.parseError()) : SpecValidator.validate(item.object());
        if (!errors.isEmpty()) {
            writer.markInvalid(item.raw(), errors, now);
            return null;
        }
        LiveTask t = new LiveTask(item.raw(), item.object());
        live.put(item.key(), t);
        TaskDecision d = lifecycle.decide(t.task(), workerState(t.task().getStatus()));
        if (d.status() != null) {
            LiveTask written = write(new TaskWrite(t, d.status()));
            if (written == null) {
                return null;
            }
            writer.recorded(t, d);
            t = written;
        }
        if (t.phase() == TaskPhase.Succeeded) {
            startNextOfPipeline(t.task());
            return null;
        }
        return t.phase() == TaskPhase.Failed ? null : t;
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

    private void startNextOfPipeline(SectorTask t) {
        if (!Boolean.TRUE.equals(t.getSpec().pipeline)) {
            return;
        }
        SectorTask next = Pipelines.nextTask(t);
        if (next != null) {
            String key = ns.name + "/" + next.getMetadata().getName();
            if (!live.containsKey(key) && ns.tasks.stream().noneMatch(i -> i.key().equals(key))
                    && !writer.recentlyCreated(key)) {
                writer.createOnce(next);
            }
        }
    }

    private ClusterState buildState(List<LiveTask> queued, List<LiveTask> placed) {
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
                    writer.warn("SealingWorker {}/{}: {}", ns.name, w.name(), e.getMessage());
                }
            }
        }
        for (LiveTask t : placed) {
            if (usable.contains(t.task().getStatus().worker)) {
                b.task(t.task());
            }
        }
        LostData lost = new LostData(workers.values());
        for (LiveTask t : queued) {
            SectorTask task = t.task();
            String blocked = lost.blocks(task);
            ClusterStateBuilder.Block own = ClusterStateBuilder.block(task.getSpec(), task.getStatus(), now);
            if (own != null) {
                holds.put(t.key(), own.reason());
            } else if (blocked != null) {
                holds.put(t.key(), TaskReason.DataOnLostWorker);
            }
            b.task(task, blocked);
        }
        return b.build();
    }

    private void writeWorkers(Map<String, WorkerNode> nodes) {
        Map<String, List<SectorTask>> onWorker = new HashMap<>();
        for (LiveTask t : live.values()) {
            SectorTaskStatus st = t.task().getStatus();
            if (st != null && st.worker != null && st.phase != null && st.phase.isOnWorker()) {
                onWorker.computeIfAbsent(st.worker, k -> new ArrayList<>()).add(t.task());
            }
        }
        for (WorkerAssessment w : workers.values()) {
            try {
                GenericKubernetesResource current;
                if (!w.valid()) {
                    current = writer.markInvalid(w.item.raw(), w.errors, now);
                    SealingWorkerStatus old = w.worker == null ? null : w.worker.getStatus();
                    ctx.countWorker(old == null || old.phase == null ? WorkerPhase.Pending : old.phase);
                } else {
                    WorkerStatusDecider.WorkerChange change = WorkerStatusDecider.decide(w, nodes.get(w.name()),
                            onWorker.getOrDefault(w.name(), List.of()), ns.name, now);
                    current = writer.write(w.item, change);
                    ctx.countWorker(change.phase());
                    if (change.sample() != null) {
                        ctx.samples.add(change.sample());
                    }
                }
                if (current != null) {
                    writer.write(current, WorkerPodDecider.decide(current.getMetadata(), w.worker, w.valid(),
                            ctx.pods.get(ns.name + "/" + WorkerPods.podName(w.name())),
                            onWorker.getOrDefault(w.name(), List.of()).size(), ctx.workerImage, ctx.workerServiceAccount));
                }
            } catch (KubernetesClientException | IllegalArgumentException e) {
                writer.warn("SealingWorker {}/{}: {}", ns.name, w.name(), e.getMessage());
            }
        }
    }

    private void writeGroups() {
        for (KindCache.Item<StorageGroup> item : ns.groups) {
            if (item.object() == null) {
                writer.markInvalid(item.raw(), List.of(item.parseError()), now);
                continue;
            }
            try {
                writer.write(item, GroupStatusDecider.decide(item.object(), workers.values(), ns.name, now));
            } catch (KubernetesClientException e) {
                writer.warn("StorageGroup {}/{}: {}", ns.name, item.raw().getMetadata().getName(), e.getMessage());
            }
        }
    }

    /** Writes a task's status; on success the pass continues with the stored object. */
    private LiveTask write(TaskWrite change) {
        LiveTask written = writer.write(change);
        if (written != null) {
            live.put(written.key(), written);
        }
        return written;
    }

    private static SectorTaskStatus copy(SectorTaskStatus st) {
        return st == null ? new SectorTaskStatus() : Json.copy(st, SectorTaskStatus.class);
    }
}
