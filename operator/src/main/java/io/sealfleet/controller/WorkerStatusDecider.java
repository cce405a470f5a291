package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.api.WorkerPools;
import io.sealfleet.metrics.OperatorMetrics;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A valid worker's intended status from its assessment and the tasks on it, without a client: the
 * phase (Draining/Drained while paused or deleted), pools, counters and Ready condition, the events
 * and pod label that go with it, and its utilization sample.
 */
final class WorkerStatusDecider {

    /** The GPU product label the worker's pod should carry. */
    record PodLabel(String pod, String value) {
    }

    /**
     * @param lostMessage the WorkerLost event's message, recorded only when the status write lands; null: none
     * @param unschedulable the Unschedulable event's message, recorded every pass; null: none
     * @param label the pod label to set; null when it already carries it
     * @param sample the utilization sample; null when the scheduler does not know the worker
     * @param checkWarnings the Warning events the worker's failed checks call for, recorded every pass
     */
    record WorkerChange(SealingWorkerStatus status, WorkerPhase phase, String lostMessage, String unschedulable,
                        PodLabel label, OperatorMetrics.WorkerSample sample, List<SealingWorkerStatusBuilder.Warning> checkWarnings) {
    }

    private WorkerStatusDecider() {
    }

    /**
     * @param node the worker as the scheduler saw it, or null when it was not usable
     * @param tasks the tasks bound, preparing or running on it
     */
    static WorkerChange decide(WorkerAssessment w, WorkerNode node, List<SectorTask> tasks, String namespace, Instant now) {
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
        if (usage != null) {
            WorkerPools pools = new WorkerPools();
            pools.assigned = usage.assigned().isEmpty() ? null : usage.assigned();
            pools.preparing = usage.preparingIds().isEmpty() ? null : usage.preparingIds();
            pools.active = usage.activeIds().isEmpty() ? null : usage.activeIds();
            next.pools = pools;
            next.tasks = usage.counters().isEmpty() ? null : usage.counters();
        }
        WorkerReason readyReason = w.readyReason;
        String readyMessage = w.readyMessage;
        if (w.alive && stopping) {
            readyReason = phase == WorkerPhase.Drained ? WorkerReason.Drained : WorkerReason.Draining;
            readyMessage = (w.deleting ? "being deleted" : "paused") + ": takes no new sealing work; "
                    + (tasks.isEmpty() ? "no tasks left" : tasks.size() + " task(s) still on the worker");
        }
        List<SealingWorkerStatusBuilder.Warning> checkWarnings = new SealingWorkerStatusBuilder(next, gen, now).specValid()
                .ready(w.alive, readyReason, readyMessage).checks(w.spec(), w.swap);
        boolean becameLost = phase == WorkerPhase.Lost && (old == null || old.phase != WorkerPhase.Lost);
        return new WorkerChange(next, phase, becameLost ? readyMessage : null, w.unschedulable, gpuLabel(w),
                sample(w, usage, namespace), checkWarnings);
    }

    /** Once the pod is on a node, its GPU product label is the node's (nvidia.com/gpu.product). */
    private static PodLabel gpuLabel(WorkerAssessment w) {
        Pod pod = w.pod;
        if (pod == null || w.capacity == null || w.capacity.gpuProduct == null) {
            return null;
        }
        String value = WorkerPods.labelValue(w.capacity.gpuProduct);
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels != null && value.equals(labels.get(WorkerPods.GPU_PRODUCT_LABEL))) {
            return null;
        }
        return new PodLabel(pod.getMetadata().getName(), value);
    }

    private static OperatorMetrics.WorkerSample sample(WorkerAssessment w, WorkerUsage usage, String namespace) {
        if (usage == null || w.capacity == null || w.capacity.cpu == null) {
            return null;
        }
        SealingWorkerSpec spec = w.spec();
        Integer reserved = spec.windowPost == null ? null : spec.windowPost.cores == null ? 0 : spec.windowPost.cores;
        return new OperatorMetrics.WorkerSample(namespace, w.name(), usage.cpuAllocated(), w.capacity.cpu,
                usage.memoryAllocated(), w.capacity.memory == null ? 0 : Bytes.parse(w.capacity.memory),
                usage.gpuAllocated(), w.capacity.gpus == null ? 0 : w.capacity.gpus, reserved);
    }
}
