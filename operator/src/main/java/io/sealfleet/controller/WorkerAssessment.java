package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.WorkerCapacity;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.api.validation.SpecValidator;
import io.sealfleet.kube.UsableSwap;
import io.sealfleet.table.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One worker judged from its object, its pod, its node and its heartbeat Lease: whether its spec is
 * usable, whether its agent is alive, and what its pod was granted.
 *
 * <p>Liveness: the agent renews the Lease {@code sealfleet-worker-<name>}. A worker is alive while its pod
 * exists and {@code renewTime + leaseDurationSeconds} is not past. A worker that was alive and no longer
 * is becomes Lost; one that never was stays Pending (its pod is starting, or runs without heartbeating).
 */
final class WorkerAssessment {
    static final int DEFAULT_LEASE_SECONDS = 30;

    final KindCache.Item<SealingWorker> item;
    final SealingWorker worker;
    final List<FieldError> errors = new ArrayList<>();
    final boolean deleting;
    Pod pod;
    Lease lease;
    Node node;
    boolean alive;
    WorkerPhase livePhase;
    WorkerReason readyReason;
    String readyMessage;
    /** A problem that keeps the pod from running (no node has the GPUs), or null. */
    String unschedulable;
    WorkerCapacity capacity;
    /** The swap the pod can use, and why not all that it declares; null before the pod exists. */
    UsableSwap swap;
    String lastHeartbeat;
    Instant heartbeatExpired;

    WorkerAssessment(KindCache.Item<SealingWorker> item) {
        this.item = item;
        this.worker = item.object();
        this.deleting = item.raw().getMetadata().getDeletionTimestamp() != null;
    }

    String name() {
        return item.raw().getMetadata().getName();
    }

    boolean valid() {
        return errors.isEmpty();
    }

    SealingWorkerSpec spec() {
        return worker.getSpec() == null ? new SealingWorkerSpec() : worker.getSpec();
    }

    /** Spec errors: the object's own, then storage group names that match no StorageGroup. */
    void validate(Set<String> groupNames) {
        if (item.parseError() != null) {
            errors.add(item.parseError());
            return;
        }
        errors.addAll(SpecValidator.validate(worker));
        if (!errors.isEmpty()) {
            return;
        }
        List<StoragePathSpec> paths = spec().storage;
        for (int i = 0; paths != null && i < paths.size(); i++) {
            unknownGroups("spec.storage[" + i + "].groups", paths.get(i).groups, groupNames);
            unknownGroups("spec.storage[" + i + "].allowTo", paths.get(i).allowTo, groupNames);
        }
    }

    private void unknownGroups(String field, List<String> names, Set<String> groupNames) {
        for (int j = 0; names != null && j < names.size(); j++) {
            if (!groupNames.contains(names.get(j))) {
                errors.add(new FieldError(field + "[" + j + "]", "no StorageGroup named '" + names.get(j)
                        + "' in namespace " + item.raw().getMetadata().getNamespace()
                        + "; create the StorageGroup or fix the name"));
            }
        }
    }

    /** Liveness, capacity and schedulability from the pod, node and Lease. */
    void observe(Pod pod, Lease lease, Map<String, Node> nodes, Instant now) {
        this.pod = pod;
        this.lease = lease;
        this.node = pod != null && pod.getSpec() != null && pod.getSpec().getNodeName() != null
                ? nodes.get(pod.getSpec().getNodeName()) : null;
        SealingWorkerStatus old = worker.getStatus();
        WorkerPhase before = old == null ? null : old.phase;
        boolean wasAlive = before == WorkerPhase.Ready || before == WorkerPhase.Draining || before == WorkerPhase.Drained
                || before == WorkerPhase.Lost;
        Instant renewed = lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null ? null
                : lease.getSpec().getRenewTime().toInstant();
        int seconds = lease == null || lease.getSpec() == null || lease.getSpec().getLeaseDurationSeconds() == null
                ? DEFAULT_LEASE_SECONDS : lease.getSpec().getLeaseDurationSeconds();
        heartbeatExpired = renewed == null ? null : renewed.plusSeconds(seconds);
        boolean fresh = renewed != null && !heartbeatExpired.isBefore(now);
        lastHeartbeat = renewed != null ? Conditions.time(renewed) : old == null ? null : old.lastHeartbeat;
        alive = fresh && pod != null && pod.getMetadata().getDeletionTimestamp() == null;
        capacity = capacity(old);
        if (alive) {
            livePhase = WorkerPhase.Ready;
            readyReason = WorkerReason.Heartbeating;
            readyMessage = "agent renews Lease " + WorkerPods.leaseName(name()) + " (last " + lastHeartbeat + ")";
        } else if (wasAlive) {
            livePhase = WorkerPhase.Lost;
            readyReason = WorkerReason.HeartbeatExpired;
            readyMessage = pod == null
                    ? "worker pod " + WorkerPods.podName(name()) + " is gone and the agent stopped heartbeating"
                    : "no heartbeat since " + (lastHeartbeat == null ? "the worker started" : lastHeartbeat)
                    + " (Lease " + WorkerPods.leaseName(name()) + ", " + seconds + " s); its tasks go back to the queue";
        } else {
            livePhase = WorkerPhase.Pending;
            if (pod == null) {
                readyReason = WorkerReason.PodNotCreated;
                readyMessage = "worker pod " + WorkerPods.podName(name()) + " does not exist yet";
            } else if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                readyReason = WorkerReason.PodNotRunning;
                readyMessage = "worker pod " + pod.getMetadata().getName() + " is "
                        + (pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase());
            } else {
                readyReason = WorkerReason.WaitingForHeartbeat;
                readyMessage = "worker pod runs but its agent has not renewed Lease " + WorkerPods.leaseName(name())
                        + (renewed == null ? "" : " since " + lastHeartbeat);
            }
        }
        unschedulable = gpuShortage(nodes.values());
        if (unschedulable != null && !alive) {
            readyReason = WorkerReason.Unschedulable;
            readyMessage = unschedulable;
        }
    }

    /**
     * What the worker has: its pod's requests plus the WindowPoSt reserve (which the scheduler takes off
     * again), the swap Kubernetes lets the pod use, and the GPU its node has; agent-reported fields are kept.
     */
    private WorkerCapacity capacity(SealingWorkerStatus old) {
        WorkerCapacity c = old == null || old.capacity == null ? new WorkerCapacity() : Json.copy(old.capacity, WorkerCapacity.class);
        Container container = pod == null || pod.getSpec() == null || pod.getSpec().getContainers().isEmpty() ? null
                : pod.getSpec().getContainers().get(0);
        Map<String, Quantity> requests = container == null || container.getResources() == null ? null
                : container.getResources().getRequests();
        if (requests == null) {
            return old == null ? null : old.capacity;
        }
        Quantity cpu = requests.get("cpu");
        Quantity mem = requests.get("memory");
        Quantity gpu = requests.get(WorkerPods.GPU_RESOURCE);
        SealingWorkerSpec spec = spec();
        int reserveCores = spec.windowPost == null || spec.windowPost.cores == null ? 0 : spec.windowPost.cores;
        long reserveMemory = spec.windowPost == null || spec.windowPost.memory == null ? 0 : Bytes.parse(spec.windowPost.memory);
        long podMemory = mem == null ? 0 : Quantity.getAmountInBytes(mem).longValue();
        c.cpu = cpu == null ? null : Quantity.getAmountInBytes(cpu).intValue() + reserveCores;
        c.memory = mem == null ? null : WorkerGrant.quantity(podMemory + reserveMemory);
        c.gpus = gpu == null ? 0 : Quantity.getAmountInBytes(gpu).intValue();
        long declared = spec.resources == null || spec.resources.swap == null ? 0 : Bytes.parse(spec.resources.swap);
        swap = UsableSwap.of(declared, podMemory, nodeSwap());
        c.swap = declared == 0 ? null : WorkerGrant.quantity(swap.bytes());
        if (node != null && node.getMetadata().getLabels() != null && c.gpus > 0) {
            Map<String, String> labels = node.getMetadata().getLabels();
            c.gpuProduct = labels.get(WorkerPods.GPU_PRODUCT_NODE_LABEL);
            try {
                String mib = labels.get(WorkerPods.GPU_MEMORY_NODE_LABEL);
                c.gpuMemoryMiB = mib == null ? null : Long.parseLong(mib.trim());
            } catch (NumberFormatException e) {
                c.gpuMemoryMiB = null;
            }
        }
        return c;
    }

    /** The node's memory, swap and swap behaviour label; null while the pod is on no known node. */
    private UsableSwap.NodeSwap nodeSwap() {
        if (node == null || node.getStatus() == null) {
            return null;
        }
        Map<String, String> labels = node.getMetadata().getLabels();
        Quantity memory = node.getStatus().getCapacity() == null ? null : node.getStatus().getCapacity().get("memory");
        Long swapBytes = node.getStatus().getNodeInfo() == null || node.getStatus().getNodeInfo().getSwap() == null ? null
                : node.getStatus().getNodeInfo().getSwap().getCapacity();
        return new UsableSwap.NodeSwap(node.getMetadata().getName(), labels == null ? null : labels.get(UsableSwap.BEHAVIOR_LABEL),
                memory == null ? 0 : Quantity.getAmountInBytes(memory).longValue(), swapBytes == null ? 0 : swapBytes);
    }

    /** Non-null when the worker asks for more GPUs than any visible node offers. */
    private String gpuShortage(Collection<Node> nodes) {
        if (!valid() || nodes.isEmpty()) {
            return null;
        }
        int want;
        try {
            want = WorkerGrant.of(spec()).gpus();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (want == 0) {
            return null;
        }
        int most = 0;
        for (Node n : nodes) {
            most = Math.max(most, gpusOf(n));
        }
        if (want <= most) {
            return null;
        }
        boolean explicit = spec().resources != null && spec().resources.gpus != null;
        String field = explicit ? "spec.resources.gpus" : "spec.gpu";
        return field + ": the worker asks for " + want + (want == 1 ? " GPU" : " GPUs") + " but no node offers more than "
                + most + " (nvidia.com/gpu allocatable); " + (explicit
                ? "lower spec.resources.gpus to " + most + " or fewer, or add a node with " + want + " GPUs"
                : "add a GPU node, or remove spec.gpu to run the worker on CPUs");
    }

    static int gpusOf(Node n) {
        if (n.getStatus() != null && n.getStatus().getAllocatable() != null) {
            Quantity q = n.getStatus().getAllocatable().get(WorkerPods.GPU_RESOURCE);
            if (q != null) {
                return Quantity.getAmountInBytes(q).intValue();
            }
        }
        String count = n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get(WorkerPods.GPU_COUNT_NODE_LABEL);
        try {
            return count == null ? 0 : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The worker as the scheduler should see it: the judged phase and capacity; a deleting worker is paused. */
    SealingWorker forScheduler() {
        SealingWorker copy = Json.copy(worker, SealingWorker.class);
        SealingWorkerStatus st = copy.getStatus() == null ? new SealingWorkerStatus() : copy.getStatus();
        st.phase = livePhase;
        st.capacity = capacity;
        copy.setStatus(st);
        if (deleting) {
            if (copy.getSpec() == null) {
                copy.setSpec(new SealingWorkerSpec());
            }
            copy.getSpec().paused = true;
        }
        return copy;
    }
}
