package io.sealfleet.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StorageGroupStatus;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.kube.StatusWriter;
import io.sealfleet.lifecycle.TaskDecision;
import io.sealfleet.lifecycle.TaskLifecycle;
import io.sealfleet.metrics.OperatorMetrics;
import io.sealfleet.table.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the pass: applies the deciders' intended changes with status patches conditional on
 * the version each decision saw (see {@link StatusWriter}), lays what it wrote over the caches until the
 * informers catch up, and records the metrics and events that belong to a write; it also makes and removes
 * the worker pods and the worker finalizer. A refused write
 * (someone changed the object meanwhile) is noted so the loop runs another pass.
 */
final class PassWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PassWriter.class);
    static final int THREADS = 4;
    /** How long a worker whose pod could not be made waits before the next try. */
    static final Duration POD_RETRY = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final StatusWriter writer;
    private final KindCache<?> tasks;
    private final KindCache<?> workers;
    private final KindCache<?> groups;
    private final OperatorMetrics metrics;
    private final EventRecorder events;
    /** Sends a pass's independent writes (bindings) in parallel. */
    private final ExecutorService threads;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean conflicted = new AtomicBoolean();
    /** Workers whose pod is not to be tried again before this nanoTime (after a failure), by uid. */
    private final Map<String, Long> podRetryAt = new HashMap<>();
    /** Pipeline tasks created here that the informer has not shown yet (namespace/name → nanoTime). */
    private final Map<String, Long> created = new HashMap<>();

    PassWriter(KubernetesClient client, KindCache<?> tasks, KindCache<?> workers, KindCache<?> groups,
               OperatorMetrics metrics, EventRecorder events) {
        this.client = client;
        this.writer = new StatusWriter(client);
        this.tasks = tasks;
        this.workers = workers;
        this.groups = groups;
        this.metrics = metrics;
        this.events = events;
        AtomicInteger ids = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sealfleet-status-writer-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** False once the operator stops: problems seen then are expected and not worth a warning. */
    boolean isOpen() {
        return open.get();
    }

    /** Whether a write was refused since the last call (the loop then runs another pass). */
    boolean takeConflict() {
        return conflicted.getAndSet(false);
    }

    // ---- tasks --------------------------------------------------------------------------------------

    /** Writes a task's status; returns the task as stored, or null when the write was refused or failed. */
    LiveTask write(TaskWrite change) {
        LiveTask t = change.task();
        GenericKubernetesResource written = write(tasks, t.raw(), change.status());
        if (written == null) {
            return null;
        }
        if (written == t.raw()) {
            return t;
        }
        SectorTask typed = Json.convert(written, SectorTask.class).object();
        return typed == null ? t : new LiveTask(written, typed);
    }

    /** The metrics and events of a lifecycle decision that was written. */
    void recorded(LiveTask t, TaskDecision d) {
        TaskType type = t.task().getSpec().type;
        switch (d.outcome()) {
            case SUCCEEDED -> metrics.finished(type, d.ran());
            case FAILED -> {
                metrics.failed(type);
                metrics.finished(type, d.ran());
            }
            case RETRYING -> metrics.retried(type);
            case REQUEUED -> metrics.requeued(type);
            case NONE, PROGRESSED -> {
            }
        }
        if (d.eventReason() != null) {
            events.warning(t.raw(), d.eventReason(), d.eventMessage());
        }
    }

    /**
     * Writes the bindings. They are independent (each conditional on the version its decision saw), so
     * they go out in parallel; a refused one only drops that binding. Returns the bound tasks as stored.
     */
    Map<String, LiveTask> bind(List<BindingDecider.Binding> bindings, Instant now) {
        record Sent(BindingDecider.Binding binding, CompletableFuture<GenericKubernetesResource> write) {
        }
        List<Sent> sent = new ArrayList<>();
        for (BindingDecider.Binding b : bindings) {
            sent.add(new Sent(b, CompletableFuture.supplyAsync(() -> write(tasks, b.task().raw(), b.status()), threads)));
        }
        Map<String, LiveTask> bound = new LinkedHashMap<>();
        for (Sent s : sent) {
            LiveTask t = s.binding().task();
            GenericKubernetesResource written;
            try {
                written = s.write().join();
            } catch (CompletionException e) {
                warn("SectorTask {}: binding failed: {}", t.key(), e.getCause() == null ? e : e.getCause().getMessage());
                continue;
            }
            if (written == null) {
                metrics.bindingConflict();
                continue;
            }
            SectorTask typed = Json.convert(written, SectorTask.class).object();
            bound.put(t.key(), typed == null ? t : new LiveTask(written, typed));
            metrics.bound(t.task().getSpec().type, TaskLifecycle.between(s.binding().queuedSince(), Conditions.time(now)));
        }
        return bound;
    }

    /** Creates a pipeline's next task once; the informer will show it. */
    void createOnce(SectorTask next) {
        String key = next.getMetadata().getNamespace() + "/" + next.getMetadata().getName();
        if (created.containsKey(key)) {
            return;
        }
        try {
            client.resource(next).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        created.put(key, System.nanoTime());
    }

    boolean recentlyCreated(String key) {
        return created.containsKey(key);
    }

    /** The informer shows the task: it no longer needs remembering. */
    void seen(String key) {
        created.remove(key);
    }

    /** Forgets creations the informer never showed after a minute (the task was deleted meanwhile). */
    void expireCreated() {
        long now = System.nanoTime();
        created.values().removeIf(at -> now - at > TimeUnit.MINUTES.toNanos(1));
    }

    // ---- workers and groups -------------------------------------------------------------------------

    /** Writes a worker's status and what goes with it; returns the worker as stored, or null when not written. */
    GenericKubernetesResource write(KindCache.Item<?> worker, WorkerStatusDecider.WorkerChange change) {
        GenericKubernetesResource raw = worker.raw();
        GenericKubernetesResource written = write(workers, raw, change.status());
        for (SealingWorkerStatusBuilder.Warning warning : change.checkWarnings()) {
            events.warning(raw, warning.reason(), warning.message());
        }
        if (written != null && written != raw && change.lostMessage() != null) {
            events.warning(raw, "WorkerLost", change.lostMessage());
        }
        if (change.unschedulable() != null) {
            events.warning(raw, "Unschedulable", change.unschedulable());
        }
        if (change.label() != null) {
            client.pods().inNamespace(raw.getMetadata().getNamespace()).withName(change.label().pod()).patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"" + WorkerPods.GPU_PRODUCT_LABEL + "\":\"" + change.label().value() + "\"}}}");
        }
        return written;
    }

    // ---- worker pods and the worker finalizer -------------------------------------------------------

    /** Carries out what {@link WorkerPodDecider} decided for a worker, read at {@code worker}'s version. */
    void write(GenericKubernetesResource worker, WorkerPodDecider.PodChange change) {
        Pod pod = change.pod();
        switch (change.action()) {
            case NONE -> {
                if (change.message() != null) {
                    events.warning(worker, "PodFailed", change.message());
                }
            }
            case ADD_FINALIZER -> patchFinalizers(worker, true);
            case CREATE -> createPod(worker, change.desired());
            case REPLACE -> {
                deletePod(pod);
                events.normal(worker, "PodReplaced", change.message());
            }
            case OUTDATED -> events.normal(worker, "PodOutdated", change.message());
            case RELEASE -> {
                deletePod(pod);
                patchFinalizers(worker, false);
            }
            case DRAIN -> {
            }
        }
    }

    private void createPod(GenericKubernetesResource worker, Pod desired) {
        String uid = worker.getMetadata().getUid();
        Long retryAt = podRetryAt.get(uid);
        if (retryAt != null && System.nanoTime() - retryAt < 0) {
            return;
        }
        podRetryAt.remove(uid);
        String where = worker.getMetadata().getNamespace() + "/" + worker.getMetadata().getName();
        String account = desired.getSpec().getServiceAccountName();
        try {
            if (account != null && client.serviceAccounts().inNamespace(desired.getMetadata().getNamespace())
                    .withName(account).get() == null) {
                missingServiceAccount(worker, account);
                return;
            }
            TransferSecret.ensure(client, desired.getMetadata().getNamespace());
            client.resource(desired).create();
            LOG.info("SealingWorker {}: created pod {}", where, desired.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (account != null && e.getCode() == 403 && String.valueOf(e.getMessage()).contains("serviceaccount")) {
                // The ServiceAccount admission plugin refused the pod: the account went between the check and the create.
                missingServiceAccount(worker, account);
            } else if (e.getCode() != 409) {
                warn("SealingWorker {}: cannot create pod {}: {}", where, desired.getMetadata().getName(), e.getMessage());
                events.warning(worker, "PodFailed", "cannot create pod " + desired.getMetadata().getName() + ": " + e.getMessage());
                podRetryAt.put(uid, System.nanoTime() + POD_RETRY.toNanos());
            }
        }
    }

    /**
     * No pod can run as a ServiceAccount the namespace lacks: say so on the worker and in one log line, and
     * look again a little later rather than on every pass.
     */
    private void missingServiceAccount(GenericKubernetesResource worker, String account) {
        String ns = worker.getMetadata().getNamespace();
        String message = "worker pods run as ServiceAccount " + account + ", which namespace " + ns + " does not have: create it, "
                + "or list " + ns + " in the chart's agent.namespaces (the chart creates it with the agents' Role)";
        warn("SealingWorker {}/{}: no pod: {}", ns, worker.getMetadata().getName(), message);
        events.warning(worker, "ServiceAccountMissing", message);
        podRetryAt.put(worker.getMetadata().getUid(), System.nanoTime() + POD_RETRY.toNanos());
    }

    private void deletePod(Pod pod) {
        if (pod != null) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        }
    }

    /**
     * Adds or removes the worker finalizer with a JSON Patch conditional on the version the pass read, so it
     * never overwrites another controller's finalizers; a refused patch makes the loop decide again.
     */
    private void patchFinalizers(GenericKubernetesResource worker, boolean add) {
        List<String> finalizers = worker.getMetadata().getFinalizers();
        ArrayNode ops = Json.MAPPER.createArrayNode();
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
                .put("value", worker.getMetadata().getResourceVersion());
        if (add && (finalizers == null || finalizers.isEmpty())) {
            ops.addObject().put("op", "add").put("path", "/metadata/finalizers").putArray("value")
                    .add(WorkerPodDecider.FINALIZER);
        } else if (add) {
            ops.addObject().put("op", "add").put("path", "/metadata/finalizers/-").put("value", WorkerPodDecider.FINALIZER);
        } else {
            ops.addObject().put("op", "remove").put("path", "/metadata/finalizers/" + finalizers.indexOf(WorkerPodDecider.FINALIZER));
        }
        try {
            GenericKubernetesResource after = client.genericKubernetesResources(workers.context)
                    .inNamespace(worker.getMetadata().getNamespace()).withName(worker.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON), ops.toString());
            if (after != null) {
                workers.wrote(worker, after);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                conflicted.set(true);
            } else if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    void write(KindCache.Item<?> group, StorageGroupStatus status) {
        write(groups, group.raw(), status);
    }

    /** Marks an object invalid (Valid=False naming the field and the fix) without touching anything else. */
    GenericKubernetesResource markInvalid(GenericKubernetesResource raw, List<FieldError> errors, Instant now) {
        ObjectNode status = (ObjectNode) Json.statusOf(raw).deepCopy();
        List<Condition> conditions = new ArrayList<>();
        if (status.has("conditions")) {
            conditions = Json.MAPPER.convertValue(status.get("conditions"),
                    Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Condition.class));
        }
        String message = errors.get(0).toString() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more: "
                + String.join("; ", errors.subList(1, errors.size()).stream().map(FieldError::toString).toList()) + ")" : "");
        Long generation = raw.getMetadata().getGeneration();
        status.set("conditions", Json.tree(Conditions.set(conditions, Conditions.VALID, false, SpecReason.InvalidSpec, message,
                generation, now)));
        if (generation != null) {
            status.put("observedGeneration", generation);
        }
        if (!status.has("phase")) {
            status.put("phase", "Pending");
        }
        if ("SectorTask".equals(raw.getKind())) {
            status.put("reason", SpecReason.InvalidSpec.name());
            status.put("message", message);
        }
        GenericKubernetesResource written = write(cacheOf(raw), raw, status);
        events.warning(raw, SpecReason.InvalidSpec.name(), message);
        return written;
    }

    /** Problems with one object are logged and the pass goes on; during a stop they are expected and quiet. */
    void warn(String format, Object... args) {
        if (isOpen()) {
            LOG.warn(format, args);
        }
    }

    @Override
    public void close() {
        open.set(false);
        threads.shutdownNow();
    }

    // ---- the conditional write ----------------------------------------------------------------------

    private KindCache<?> cacheOf(GenericKubernetesResource raw) {
        return switch (raw.getKind()) {
            case "SectorTask" -> tasks;
            case "SealingWorker" -> workers;
            case "StorageGroup" -> groups;
            default -> throw new IllegalArgumentException("not a sealfleet kind: " + raw.getKind());
        };
    }

    /** Writes a status and lays the result over the cache; returns the stored object, or null when not written. */
    private <T extends HasMetadata> GenericKubernetesResource write(KindCache<T> cache, GenericKubernetesResource current,
                                                                    Object status) {
        StatusWriter.Result r = writer.write(cache.context, current, status);
        switch (r.outcome()) {
            case WRITTEN -> {
                cache.wrote(current, r.object());
                return r.object();
            }
            case UNCHANGED -> {
                return current;
            }
            case CONFLICT -> {
                LOG.debug("{} {}/{} changed since it was read; the next pass decides again", current.getKind(),
                        current.getMetadata().getNamespace(), current.getMetadata().getName());
                conflicted.set(true);
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
