package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's one reconcile engine: one thread runs passes, each a level-triggered reconcile of the
 * whole cluster (SectorTasks, SealingWorkers with their pods, StorageGroups), because each status depends
 * on the others. It holds the operator's only watches: one informer per kind, and one each on worker pods,
 * Leases and nodes. A change to any watched object triggers
 * a pass; triggers that arrive during a pass coalesce into one more; a timer adds a pass every
 * {@link OperatorConfig#tick()} for what time alone changes (retry backoff, heartbeat expiry).
 *
 * <p>It holds no scheduling state of its own: every pass rebuilds the scheduler's input from the
 * informers' caches, so a restarted operator (or a new leader) carries on exactly where the last one
 * stopped. Each pass's writes go through one {@link PassWriter}, conditional on the version the pass read;
 * a write refused for a newer version makes the loop run another pass.
 */
public final class SchedulingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final EventRecorder events;
    /** The one writer of every pass's changes; exists while the loop runs. */
    private PassWriter writer;
    final KindCache<SectorTask> tasks = new KindCache<>(SectorTask.class);
    final KindCache<SealingWorker> workers = new KindCache<>(SealingWorker.class);
    final KindCache<StorageGroup> groups = new KindCache<>(StorageGroup.class);
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Lease> leases;
    private SharedIndexInformer<Node> nodes;
    private ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong passes = new AtomicLong();

    public SchedulingLoop(KubernetesClient client, OperatorConfig config, OperatorMetrics metrics, EventRecorder events) {
        this.client = client;
        this.config = config;
        this.clock = config.clock();
        this.metrics = metrics;
        this.events = events;
    }

    /** Starts the informers, waits until they have listed, then runs the first pass and the timer. */
    public synchronized void start() {
        if (running.get()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sealfleet-scheduling-loop");
            t.setDaemon(true);
            return t;
        });
        writer = new PassWriter(client, tasks, workers, groups, metrics, events);
        String ns = config.namespace();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        started.add(tasks.start(client, ns, this::trigger));
        started.add(workers.start(client, ns, this::trigger));
        started.add(groups.start(client, ns, this::trigger));
        pods = ns == null ? client.pods().inAnyNamespace().withLabel(WorkerPods.MANAGED_BY, WorkerPods.MANAGED_BY_VALUE)
                .runnableInformer(0) : client.pods().inNamespace(ns).withLabel(WorkerPods.MANAGED_BY, WorkerPods.MANAGED_BY_VALUE)
                .runnableInformer(0);
        leases = ns == null ? client.leases().inAnyNamespace().runnableInformer(0) : client.leases().inNamespace(ns).runnableInformer(0);
        nodes = client.nodes().runnableInformer(0);
        for (SharedIndexInformer<?> i : List.of(pods, leases, nodes)) {
            i.addEventHandler(new Trigger<>());
        }
        started.add(pods.start().toCompletableFuture().thenApply(x -> null));
        started.add(leases.start().toCompletableFuture().thenApply(x -> null));
        CompletableFuture<Void> nodesStarted = nodes.start().toCompletableFuture().thenApply(x -> null);
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the scheduling loop's informers did not start: " + e.getMessage(), e);
        }
        try {
            nodesStarted.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Without read access to Nodes the GPU check is skipped; nothing else needs them.
            LOG.warn("cannot watch Nodes ({}); the check that some node has a worker's GPUs is off", e.getMessage());
        }
        running.set(true);
        executor.scheduleWithFixedDelay(this::trigger, config.tick().toMillis(), config.tick().toMillis(), TimeUnit.MILLISECONDS);
        trigger();
        LOG.info("scheduling loop started (namespace {})", ns == null ? "all" : ns);
    }

    public boolean isRunning() {
        return running.get();
    }

    /** Asks for a pass; coalesces with one already asked for. */
    public void trigger() {
        if (running.get() && pending.compareAndSet(false, true)) {
            try {
                executor.execute(this::runPass);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false);
            }
        }
    }

    /** Passes run so far (tests wait on it). */
    public long passes() {
        return passes.get();
    }

    private void runPass() {
        pending.set(false);
        if (!running.get()) {
            return;
        }
        long start = System.nanoTime();
        try {
            pass();
        } catch (RuntimeException e) {
            // One bad pass must not stop the loop: the next trigger or tick runs another.
            if (running.get()) {
                LOG.error("scheduling pass failed: {}", e.toString(), e);
            } else {
                LOG.debug("scheduling pass cut short by stop: {}", e.toString());
            }
        } finally {
            passes.incrementAndGet();
            metrics.pass(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void pass() {
        Map<String, Pod> podsByKey = new HashMap<>();
        for (Pod p : pods.getStore().list()) {
            podsByKey.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
        }
        Map<String, Lease> leasesByKey = new HashMap<>();
        for (Lease l : leases.getStore().list()) {
            leasesByKey.put(l.getMetadata().getNamespace() + "/" + l.getMetadata().getName(), l);
        }
        Map<String, Node> nodesByName = new HashMap<>();
        if (nodes.hasSynced()) {
            for (Node n : nodes.getStore().list()) {
                nodesByName.put(n.getMetadata().getName(), n);
            }
        }
        Map<String, Namespace> byNamespace = new TreeMap<>();
        for (KindCache.Item<SectorTask> t : tasks.list()) {
            ns(byNamespace, t.raw()).tasks.add(t);
            writer.seen(t.key());
        }
        for (KindCache.Item<SealingWorker> w : workers.list()) {
            ns(byNamespace, w.raw()).workers.add(w);
        }
        for (KindCache.Item<StorageGroup> g : groups.list()) {
            ns(byNamespace, g.raw()).groups.add(g);
        }
        PassContext ctx = new PassContext(clock.instant(), podsByKey, leasesByKey, nodesByName, config.workerImage(),
                config.workerServiceAccount());
        for (Namespace n : byNamespace.values()) {
            new NamespacePass(writer, ctx, n).run();
        }
        metrics.update(ctx.taskCounts, ctx.workerCounts, ctx.samples);
        writer.expireCreated();
        if (writer.takeConflict()) {
            // A write met a newer version: decide again from it.
            trigger();
        }
    }

    private static Namespace ns(Map<String, Namespace> m, GenericKubernetesResource raw) {
        return m.computeIfAbsent(raw.getMetadata().getNamespace(), Namespace::new);
    }

    /** The objects of one namespace: tasks bind only to workers of their own namespace. */
    static final class Namespace {
        final String name;
        final List<KindCache.Item<SectorTask>> tasks = new ArrayList<>();
        final List<KindCache.Item<SealingWorker>> workers = new ArrayList<>();
        final List<KindCache.Item<StorageGroup>> groups = new ArrayList<>();

        Namespace(String name) {
            this.name = name;
        }
    }

    @Override
    public synchronized void close() {
        running.set(false);
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writer != null) {
            writer.close();
        }
        tasks.stop();
        workers.stop();
        groups.stop();
        for (SharedIndexInformer<?> i : new SharedIndexInformer<?>[] {pods, leases, nodes}) {
            if (i != null) {
                i.stop();
            }
        }
    }

    private final class Trigger<T> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T obj) {
            trigger();
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            trigger();
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            trigger();
        }
    }
}
