package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.sealfleet.api.SealingWorker;
import java.util.List;
import java.util.Map;

/**
 * What each SealingWorker owns, decided from one pass's snapshot without a client: its finalizer, its
 * one worker pod (created from {@link WorkerPods#desired}, replaced only while no task is on the worker
 * when the spec changes what the pod would be), and its deletion: the finalizer holds a deleted worker,
 * which the pass treats as paused, until no task is bound to, preparing on or running on it; then the pod
 * goes and the finalizer is removed. {@link PassWriter} carries the decision out.
 */
final class WorkerPodDecider {
    /**
     * The finalizer that holds a deleted worker until it has drained. Its name is the one earlier versions
     * used, so workers created by them are released by this one.
     */
    static final String FINALIZER = "sealingworkers.sealing.sealfleet.io/finalizer";

    /** What to do about one worker's pod and finalizer. */
    enum Action {
        /** Nothing: the pod is as it should be, or it is being deleted already. */
        NONE,
        /** Add the finalizer before anything else. */
        ADD_FINALIZER,
        /** Create the desired pod. */
        CREATE,
        /** Delete the outdated pod; the next pass creates the desired one. */
        REPLACE,
        /** The pod is outdated but tasks are on the worker: say so and keep it. */
        OUTDATED,
        /** The worker is deleted and drained: delete its pod and remove the finalizer. */
        RELEASE,
        /** The worker is deleted but tasks are still on it: keep it. */
        DRAIN
    }

    /**
     * One worker's decision.
     *
     * @param action  what to do
     * @param desired the pod to create ({@link Action#CREATE}), else null
     * @param pod     the pod there is now, or null
     * @param message the event's or log line's text, or null
     */
    record PodChange(Action action, Pod desired, Pod pod, String message) {
        static PodChange of(Action action, Pod pod) {
            return new PodChange(action, null, pod, null);
        }
    }

    private WorkerPodDecider() {
    }

    /**
     * @param meta     the worker's metadata as the pass read it
     * @param worker   the worker, or null when it does not parse
     * @param valid    whether its spec holds (no pod is made for one that does not)
     * @param pod      its pod as the pod informer shows it, or null
     * @param onWorker tasks bound to, preparing on or running on it
     */
    static PodChange decide(ObjectMeta meta, SealingWorker worker, boolean valid, Pod pod, int onWorker, String image,
                            String serviceAccount) {
        List<String> finalizers = meta.getFinalizers();
        boolean held = finalizers != null && finalizers.contains(FINALIZER);
        if (meta.getDeletionTimestamp() != null) {
            if (!held) {
                return PodChange.of(Action.NONE, pod);
            }
            return PodChange.of(onWorker == 0 ? Action.RELEASE : Action.DRAIN, pod);
        }
        if (!held) {
            return PodChange.of(Action.ADD_FINALIZER, pod);
        }
        if (!valid || worker == null) {
            // The pass writes Valid=False and the event; no pod for a spec that does not hold.
            return PodChange.of(Action.NONE, pod);
        }
        Pod desired;
        try {
            desired = WorkerPods.desired(worker, image, serviceAccount);
        } catch (IllegalArgumentException e) {
            return new PodChange(Action.NONE, null, pod, "no pod: " + e.getMessage());
        }
        if (pod == null) {
            return new PodChange(Action.CREATE, desired, null, null);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null || hash(desired).equals(hash(pod))) {
            return PodChange.of(Action.NONE, pod);
        }
        if (onWorker == 0) {
            return new PodChange(Action.REPLACE, null, pod, "the spec changed the worker pod; pod "
                    + pod.getMetadata().getName() + " is replaced while no task is on the worker");
        }
        return new PodChange(Action.OUTDATED, null, pod, "the spec changed the worker pod; it is replaced once the "
                + "tasks on the worker finish (pause the worker to drain it)");
    }

    private static String hash(Pod p) {
        Map<String, String> a = p.getMetadata().getAnnotations();
        return a == null || a.get(WorkerPods.SPEC_HASH) == null ? "" : a.get(WorkerPods.SPEC_HASH);
    }
}
