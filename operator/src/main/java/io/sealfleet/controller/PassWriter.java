package io.sealfleet.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * informers catch up, and records the metrics and events that belong to a write. A refused write
 * (someone changed the object meanwhile) is noted so the loop runs another pass.
 */
final class PassWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PassWriter.class);
    static final int THREADS = 4;

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

    void write(KindCache.Item<?> worker, WorkerStatusDecider.WorkerChange change) {
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
    }

    void write(KindCache.Item<?> group, StorageGroupStatus status) {
        write(groups, group.raw(), status);
    }

    /** Marks an object invalid (Valid=False naming the field and the fix) without touching anything else. */
    void markInvalid(GenericKubernetesResource raw, List<FieldError> errors, Instant now) {
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
        write(cacheOf(raw), raw, status);
        events.warning(raw, SpecReason.InvalidSpec.name(), message);
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
