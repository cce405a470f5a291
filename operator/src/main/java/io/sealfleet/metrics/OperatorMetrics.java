package io.sealfleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.table.TaskType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * sealfleet's own metrics (names in docs/operator.md; a test pins them). Labels come from bounded sets
 * only: task type, task phase, worker phase, and for the per-worker gauges the worker's namespace and
 * name (workers are few; a deleted worker's series are removed).
 */
public final class OperatorMetrics {
    public static final String TASKS = "sealfleet.tasks";
    public static final String TASK_DURATION = "sealfleet.task.duration";
    public static final String TASK_QUEUE_WAIT = "sealfleet.task.queue.wait";
    public static final String PASS_DURATION = "sealfleet.scheduling.pass.duration";
    public static final String BINDINGS = "sealfleet.task.bindings";
    public static final String BINDING_CONFLICTS = "sealfleet.task.binding.conflicts";
    public static final String RETRIES = "sealfleet.task.retries";
    public static final String FAILURES = "sealfleet.task.failures";
    public static final String REQUEUES = "sealfleet.task.requeues";
    public static final String WORKERS = "sealfleet.workers";
    public static final String W_CPU_ALLOCATED = "sealfleet.worker.cpu.allocated";
    public static final String W_CPU_CAPACITY = "sealfleet.worker.cpu.capacity";
    public static final String W_MEMORY_ALLOCATED = "sealfleet.worker.memory.allocated";
    public static final String W_MEMORY_CAPACITY = "sealfleet.worker.memory.capacity";
    public static final String W_GPU_ALLOCATED = "sealfleet.worker.gpu.allocated";
    public static final String W_GPU_CAPACITY = "sealfleet.worker.gpu.capacity";
    public static final String W_POST_HEADROOM = "sealfleet.worker.windowpost.headroom";
    public static final String W_POST_RESERVED = "sealfleet.worker.windowpost.reserved";

    private static final Duration[] TASK_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(24)};
    private static final Duration[] PASS_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** One worker's figures for the per-worker gauges; {@code postReservedCores} null when it hosts no WindowPoSt. */
    public record WorkerSample(String namespace, String name, double cpuAllocated, double cpuCapacity, double memoryAllocated,
                               double memoryCapacity, double gpuAllocated, double gpuCapacity, Integer postReservedCores) {
        String key() {
            return namespace + "/" + name;
        }
    }

    private final MeterRegistry registry;
    private final Map<TaskType, Map<TaskPhase, AtomicLong>> tasks = new EnumMap<>(TaskType.class);
    private final Map<WorkerPhase, AtomicLong> workers = new EnumMap<>(WorkerPhase.class);
    private final Map<TaskType, Timer> duration = new EnumMap<>(TaskType.class);
    private final Map<TaskType, Timer> queueWait = new EnumMap<>(TaskType.class);
    private final Timer pass;
    private final Counter conflicts;
    private final Map<String, WorkerGauges> perWorker = new HashMap<>();

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TaskType type : TaskType.values()) {
            Map<TaskPhase, AtomicLong> byPhase = new EnumMap<>(TaskPhase.class);
            for (TaskPhase phase : TaskPhase.values()) {
                AtomicLong n = new AtomicLong();
                Gauge.builder(TASKS, n, AtomicLong::get).description("SectorTasks by type and phase")
                        .tags("type", type.name(), "phase", phase.name()).strongReference(true).register(registry);
                byPhase.put(phase, n);
            }
            tasks.put(type, byPhase);
            duration.put(type, Timer.builder(TASK_DURATION).description("Run time of finished tasks, from start to finish")
                    .tag("type", type.name()).serviceLevelObjectives(TASK_BUCKETS).register(registry));
            queueWait.put(type, Timer.builder(TASK_QUEUE_WAIT)
                    .description("Time from a task being queued (created, or its retry due) to being bound")
                    .tag("type", type.name()).serviceLevelObjectives(TASK_BUCKETS).register(registry));
            Counter.builder(BINDINGS).description("Tasks bound to a worker").tag("type", type.name()).register(registry);
            Counter.builder(RETRIES).description("Failed attempts that were retried").tag("type", type.name()).register(registry);
            Counter.builder(FAILURES).description("Tasks that failed for good (retries exhausted)").tag("type", type.name())
                    .register(registry);
            Counter.builder(REQUEUES).description("Tasks taken off a lost or deleted worker and queued again")
                    .tag("type", type.name()).register(registry);
        }
        for (WorkerPhase phase : WorkerPhase.values()) {
            AtomicLong n = new AtomicLong();
            Gauge.builder(WORKERS, n, AtomicLong::get).description("SealingWorkers by phase").tag("phase", phase.name())
                    .strongReference(true).register(registry);
            workers.put(phase, n);
        }
        pass = Timer.builder(PASS_DURATION).description("Duration of one scheduling pass, status writes included")
                .serviceLevelObjectives(PASS_BUCKETS).register(registry);
        conflicts = Counter.builder(BINDING_CONFLICTS)
                .description("Bindings refused because the task changed since it was read (409); retried next pass")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void pass(Duration d) {
        pass.record(d);
    }

    public void bound(TaskType type, Duration waited) {
        registry.counter(BINDINGS, "type", type.name()).increment();
        if (waited != null) {
            // A negative wait is clock skew between the API server and the operator: count it as none.
            queueWait.get(type).record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }

    public void bindingConflict() {
        conflicts.increment();
    }

    public void finished(TaskType type, Duration ran) {
        if (ran != null && !ran.isNegative()) {
            duration.get(type).record(ran);
        }
    }

    public void retried(TaskType type) {
        registry.counter(RETRIES, "type", type.name()).increment();
    }

    public void failed(TaskType type) {
        registry.counter(FAILURES, "type", type.name()).increment();
    }

    public void requeued(TaskType type) {
        registry.counter(REQUEUES, "type", type.name()).increment();
    }

    /** Sets the gauges from one pass's view of the cluster. */
    public synchronized void update(Map<TaskType, Map<TaskPhase, Integer>> taskCounts, Map<WorkerPhase, Integer> workerCounts,
                                    List<WorkerSample> samples) {
        tasks.forEach((type, byPhase) -> byPhase.forEach((phase, n) ->
                n.set(taskCounts.getOrDefault(type, Map.of()).getOrDefault(phase, 0))));
        workers.forEach((phase, n) -> n.set(workerCounts.getOrDefault(phase, 0)));
        Set<String> seen = new HashSet<>();
        for (WorkerSample s : samples) {
            seen.add(s.key());
            perWorker.computeIfAbsent(s.key(), k -> new WorkerGauges(s.namespace(), s.name())).set(s);
        }
        perWorker.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().remove();
            return true;
        });
    }

    /** The gauges of one worker; the WindowPoSt pair exists only while the worker has a reserve. */
    private final class WorkerGauges {
        private final Tags tags;
        private volatile WorkerSample sample;
        private final List<Meter> meters = new ArrayList<>();
        private final List<Meter> postMeters = new ArrayList<>();

        WorkerGauges(String namespace, String name) {
            this.tags = Tags.of("namespace", namespace, "worker", name);
            gauge(meters, W_CPU_ALLOCATED, "cores", "CPU cores held by the worker's running and preparing tasks",
                    WorkerSample::cpuAllocated);
            gauge(meters, W_CPU_CAPACITY, "cores", "CPU cores of the worker pod", WorkerSample::cpuCapacity);
            gauge(meters, W_MEMORY_ALLOCATED, "bytes", "Memory (MinMemory) held by running and preparing tasks",
                    WorkerSample::memoryAllocated);
            gauge(meters, W_MEMORY_CAPACITY, "bytes", "Memory of the worker pod", WorkerSample::memoryCapacity);
            gauge(meters, W_GPU_ALLOCATED, null, "GPUs (fractional shares) held by running and preparing tasks",
                    WorkerSample::gpuAllocated);
            gauge(meters, W_GPU_CAPACITY, null, "GPUs of the worker pod", WorkerSample::gpuCapacity);
        }

        private void gauge(List<Meter> into, String name, String unit, String description, ToDoubleFunction<WorkerSample> f) {
            Gauge.Builder<WorkerGauges> b = Gauge.builder(name, this, g -> g.sample == null ? Double.NaN : f.applyAsDouble(g.sample))
                    .description(description).tags(tags).strongReference(true);
            if (unit != null) {
                b.baseUnit(unit);
            }
            into.add(b.register(registry));
        }

        void set(WorkerSample s) {
            sample = s;
            if (s.postReservedCores() != null && postMeters.isEmpty()) {
                gauge(postMeters, W_POST_HEADROOM, "cores",
                        "Cores of a worker hosting WindowPoSt that sealing does not hold (capacity minus allocated)",
                        w -> w.cpuCapacity() - w.cpuAllocated());
                gauge(postMeters, W_POST_RESERVED, "cores", "Cores the worker's WindowPoSt reserve asks for",
                        w -> w.postReservedCores() == null ? Double.NaN : w.postReservedCores());
            } else if (s.postReservedCores() == null && !postMeters.isEmpty()) {
                postMeters.forEach(registry::remove);
                postMeters.clear();
            }
        }

        void remove() {
            meters.forEach(registry::remove);
            postMeters.forEach(registry::remove);
        }
    }
}
