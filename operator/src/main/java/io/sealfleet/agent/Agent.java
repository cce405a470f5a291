package io.sealfleet.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sealfleet.api.AgentReport;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.CacheStatus;
import io.sealfleet.api.GpuEngineCheck;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.kube.ClusterStateBuilder;
import io.sealfleet.kube.Pc2Engine;
import io.sealfleet.kube.StatusWriter;
import io.sealfleet.scheduler.Capacity;
import io.sealfleet.scheduler.Pool;
import io.sealfleet.scheduler.QueueOrder;
import io.sealfleet.scheduler.TaskKey;
import io.sealfleet.scheduler.TaskRequest;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.FileType;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import io.sealfleet.agent.prover.Prover;
import io.sealfleet.agent.prover.ProverProbe;
import io.sealfleet.agent.prover.Provers;
import io.sealfleet.api.WorkerCapabilities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker agent: renews its worker's Lease, reports its storage, serves its sector files to other
 * agents, and runs the tasks bound to its worker through the preparing and active pools. All it
 * knows lives on disk and in the API, so a killed agent's successor carries on where it stopped.
 */
public final class Agent implements AgentContext, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ResourceDefinitionContext WORKERS = ResourceDefinitionContext.fromResourceType(SealingWorker.class);

    private final KubernetesClient client;
    private final AgentConfig cfg;
    private final Clock clock;
    private final TaskStatusUpdater updater;
    private final StatusWriter writer;
    private final SectorFetcher fetcher;
    private final OpenFilesLimit openFiles = OpenFilesLimit.ofThisProcess();
    private final GpuEngineGate gpuGate;
    /** The cgroup root memory use is read under; tests point it at fixtures. */
    volatile Path cgroupRoot = CgroupMemory.ROOT;
    private final Map<String, TaskRun> running = new ConcurrentHashMap<>();
    /** Sectors whose files a delete is removing now, with how many deletes: no task of them starts meanwhile. */
    private final Map<SectorName, Integer> deleting = new java.util.HashMap<>();
    private final Map<String, Semaphore> fetchLimits = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "agent-loop"));
    private final ExecutorService runners = Executors.newCachedThreadPool(r -> daemon(r, "agent-task"));
    private final Object pools = new Object();
    private SharedIndexInformer<SectorTask> taskInformer;
    private SharedIndexInformer<SealingWorker> workerInformer;
    private SharedIndexInformer<StorageGroup> groupInformer;
    private TransferServer transfer;
    private volatile LocalStorage storage;
    private String storageShape;
    private volatile SealingWorker me;
    private volatile WorkerNode node;
    private Pool preparing;
    private Pool active;
    private final Map<String, Boolean> inActive = new HashMap<>();
    /** What {@code sealer capabilities} said, read on the first report. */
    private volatile WorkerCapabilities sealerCapabilities;
    /** Tests only: called at named points of a task attempt (see {@link AgentContext#reached}). */
    volatile java.util.function.BiConsumer<String, String> testHook;
    /** Tests only: the transfer server cuts every response after this many bytes. */
    volatile long transferCutAfterBytes = Long.MAX_VALUE;

    public Agent(KubernetesClient client, AgentConfig cfg, Clock clock) {
        this.client = client;
        this.cfg = cfg;
        this.clock = clock;
        this.updater = new TaskStatusUpdater(client);
        this.writer = new StatusWriter(client);
        this.fetcher = new SectorFetcher(cfg.token());
        this.gpuGate = new GpuEngineGate(cfg.sealer(), cfg.storageRoot().resolve(".agent-" + cfg.worker()), openFiles,
                () -> TaskRun.now(clock));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() throws IOException {
        Files.createDirectories(stateDir());
        taskInformer = client.resources(SectorTask.class).inNamespace(cfg.namespace()).inform();
        workerInformer = client.resources(SealingWorker.class).inNamespace(cfg.namespace()).inform();
        groupInformer = client.resources(StorageGroup.class).inNamespace(cfg.namespace()).inform();
        loop.scheduleWithFixedDelay(this::renewLease, 0, AgentConfig.RENEW.toMillis(), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::tick, 0, cfg.tick().toMillis(), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::report, 0, Math.max(1000, cfg.tick().toMillis() * 3), TimeUnit.MILLISECONDS);
    }

    /** Stops at once, as a crash would: children killed, nothing cleaned, nothing reported. */
    public void kill() {
        running.values().forEach(TaskRun::crash);
        loop.shutdownNow();
        runners.shutdownNow();
        if (transfer != null) {
            transfer.close();
        }
        for (SharedIndexInformer<?> i : new SharedIndexInformer<?>[] {taskInformer, workerInformer, groupInformer}) {
            if (i != null) {
                i.stop();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    // ---- the loop -------------------------------------------------------------------------------------

    private void tick() {
        try {
            SealingWorker w = workerInformer.getStore().getByKey(cfg.namespace() + "/" + cfg.worker());
            if (w == null || w.getSpec() == null) {
                return;
            }
            me = w;
            prepare(w);
            stopRebound();
            sweep();
            startBound();
        } catch (RuntimeException | IOException e) {
            log("agent loop: " + e);
        }
    }

    /** Storage, transfer server and pools follow the worker's spec; they are rebuilt only while idle. */
    private void prepare(SealingWorker w) throws IOException {
        SealingWorkerSpec spec = w.getSpec();
        String shape = MAPPER.writeValueAsString(spec.storage) + MAPPER.writeValueAsString(spec.resources)
                + MAPPER.writeValueAsString(spec.resourceTable) + MAPPER.writeValueAsString(spec.windowPost)
                + MAPPER.writeValueAsString(w.getStatus() == null ? null : w.getStatus().capacity);
        if (shape.equals(storageShape) || !running.isEmpty()) {
            return;
        }
        List<StoragePathSpec> paths = spec.storage == null ? List.of() : spec.storage;
        List<List<String>> allowTo = new ArrayList<>();
        for (StoragePathSpec p : paths) {
            allowTo.add(effectiveAllowTo(p));
        }
        storage = new LocalStorage(cfg.storageRoot(), paths, allowTo);
        List<TransferServer.SourcePath> sources = new ArrayList<>();
        for (LocalStorage.Entry e : storage.entries()) {
            sources.add(new TransferServer.SourcePath(e.files(), e.allowTo()));
        }
        if (transfer != null) {
            transfer.close();
        }
        transfer = new TransferServer(new InetSocketAddress(cfg.transferHost(), cfg.transferPort()), cfg.token(), sources,
                deleteGuard(), transferCutAfterBytes);
        try {
            node = new ClusterStateBuilder(clock.instant()).worker(w).build().workers().get(0);
        } catch (IllegalArgumentException e) {
            node = null;
            log("worker spec unusable: " + e.getMessage());
        }
        synchronized (pools) {
            preparing = new Pool();
            active = preparing.sharingCounter();
            inActive.clear();
        }
        storageShape = shape;
    }

    /** Sector files go only while no task of that sector runs here, and no task of it starts meanwhile; what went is reported at once. */
    private DeleteGuard deleteGuard() {
        return new DeleteGuard() {
            @Override
            public String claim(SectorName sector) {
                synchronized (deleting) {
                    String reason = running.values().stream().filter(r -> r.sector().equals(sector))
                            .map(r -> "task " + r.id() + " of the sector runs on " + cfg.worker()).findFirst().orElse(null);
                    if (reason == null) {
                        deleting.merge(sector, 1, Integer::sum);
                    }
                    return reason;
                }
            }

            @Override
            public void done(SectorName sector, boolean removed) {
                synchronized (deleting) {
                    deleting.computeIfPresent(sector, (k, n) -> n > 1 ? n - 1 : null);
                }
                if (removed) {
                    report();
                }
            }
        };
    }

    private void stopRebound() {
        for (TaskRun run : running.values()) {
            SectorTask t = taskInformer.getStore().getByKey(run.id());
            boolean mine = t != null && t.getStatus() != null && cfg.worker().equals(t.getStatus().worker)
                    && Objects.equals(t.getStatus().attempt, run.attempt());
            if (!mine) {
                log(run.id() + " attempt " + run.attempt() + " is no longer this worker's; stopping it");
                run.stop();
            }
        }
    }

    /**
     * Releases what attempts that no longer run here left behind — a reservation, a work directory —
     * when an agent stopped between a task's last status write and its clean-up. A task still bound
     * here and not finished keeps its reservation: the attempt that resumes it takes it over.
     */
    private void sweep() throws IOException {
        LocalStorage s = storage;
        if (s == null) {
            return;
        }
        for (LocalStorage.Entry e : s.entries()) {
            for (String id : e.space().reservations().keySet()) {
                if (!running.containsKey(id) && !boundHere(id)) {
                    e.space().release(id);
                }
            }
            ReadRanges.removeOrphans(e.files().root(), id -> taskInformer.getStore().getByKey(id) != null);
            Path work = e.files().root().resolve(".sealfleet").resolve("work");
            if (Files.isDirectory(work)) {
                try (var dirs = Files.list(work)) {
                    for (Path d : dirs.toList()) {
                        String id = taskOfWorkDir(d.getFileName().toString());
                        if (id != null && !running.containsKey(id) && !boundHere(id)) {
                            Kernels.deleteTree(d);
                        }
                    }
                }
            }
        }
    }

    /** The task is bound to this worker and not finished. */
    private boolean boundHere(String id) {
        SectorTask t = taskInformer.getStore().getByKey(id);
        return t != null && t.getStatus() != null && cfg.worker().equals(t.getStatus().worker) && t.getStatus().phase != null
                && t.getStatus().phase.isOnWorker();
    }

    /** The attempt's report says it finished: the operator has yet to move the phase, nothing is left to run. */
    private static boolean reportedFinished(io.sealfleet.api.SectorTaskStatus s) {
        return s.report != null && s.report.stage != null && s.report.stage.isFinished() && s.report.isAbout(s.attempt, s.worker);
    }

    /** {@code <ns>_<name>_a<attempt>} back to {@code ns/name}; null for anything else. */
    static String taskOfWorkDir(String dir) {
        int a = dir.lastIndexOf("_a");
        int ns = dir.indexOf('_');
        return a <= 0 || ns <= 0 || ns >= a ? null : dir.substring(0, ns) + "/" + dir.substring(ns + 1, a);
    }

    private void startBound() {
        if (node == null || node.sealingCapacity().cpus() <= 0) {
            return;
        }
        List<SectorTask> mine = new ArrayList<>();
        for (SectorTask t : taskInformer.getStore().list()) {
            var s = t.getStatus();
            if (t.getSpec() == null || t.getSpec().type == null || s == null || s.attempt == null || s.phase == null
                    || !cfg.worker().equals(s.worker) || !s.phase.isOnWorker() || reportedFinished(s) || running.containsKey(key(t))) {
                continue;
            }
            mine.add(t);
        }
        mine.sort(Comparator.comparing(ClusterStateBuilder::request, QueueOrder.INSTANCE));
        for (SectorTask t : mine) {
            TaskRequest req = ClusterStateBuilder.request(t);
            TaskKey k = TaskKey.of(req.type(), req.size());
            ResourceSpec need = node.table().get(req.type(), req.size());
            boolean resumed = t.getStatus().phase != TaskPhase.Scheduled;
            TaskRun run = new TaskRun(this, t);
            synchronized (deleting) {
                if (deleting.containsKey(run.sector())) {
                    continue;
                }
                synchronized (pools) {
                    if (!resumed && preparing.check(req.id(), k, need, node.sealingCapacity()) != null) {
                        continue;
                    }
                    preparing.add(req.id(), k, need, node.sealingCapacity());
                    inActive.put(req.id(), false);
                }
                running.put(req.id(), run);
            }
            runners.execute(run);
        }
    }

    private static String key(SectorTask t) {
        return t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
    }

    @Override
    public void admitRunning(TaskRun run, SectorTask task) throws InterruptedException {
        TaskRequest req = ClusterStateBuilder.request(task);
        TaskKey k = TaskKey.of(req.type(), req.size());
        ResourceSpec need = node.table().get(req.type(), req.size());
        while (true) {
            synchronized (pools) {
                if (active.check(req.id(), k, need, node.sealingCapacity()) == null) {
                    preparing.free(req.id(), k, need, node.sealingCapacity());
                    active.add(req.id(), k, need, node.sealingCapacity());
                    inActive.put(req.id(), true);
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void finished(TaskRun run) {
        running.remove(run.id());
        SectorTask t = taskInformer.getStore().getByKey(run.id());
        synchronized (pools) {
            Boolean act = inActive.remove(run.id());
            if (act != null && t != null && node != null) {
                TaskRequest req = ClusterStateBuilder.request(t);
                (act ? active : preparing).free(req.id(), TaskKey.of(req.type(), req.size()),
                        node.table().get(req.type(), req.size()), node.sealingCapacity());
            }
        }
        loop.execute(this::report);
    }

    // ---- heartbeat and report -------------------------------------------------------------------------

    private void renewLease() {
        try {
            var leases = client.leases().inNamespace(cfg.namespace());
            Lease existing = leases.withName(cfg.leaseName()).get();
            Lease lease = existing != null ? existing : new LeaseBuilder().withNewMetadata().withName(cfg.leaseName())
                    .withNamespace(cfg.namespace()).endMetadata().withNewSpec().withLeaseDurationSeconds(AgentConfig.LEASE_SECONDS)
                    .endSpec().build();
            lease.getSpec().setHolderIdentity(cfg.podName());
            lease.getSpec().setRenewTime(clock.instant().atZone(ZoneOffset.UTC));
            if (existing == null) {
                client.resource(lease).create();
            } else {
                client.resource(lease).update();
            }
        } catch (RuntimeException e) {
            log("cannot renew Lease " + cfg.leaseName() + ": " + e.getMessage());
        }
    }

    /**
     * Writes status.storage (free space and sectors per path), status.agent, status.capabilities and
     * status.endpoint; other fields are the operator's.
     */
    private void report() {
        LocalStorage s = storage;
        if (s == null) {
            return;
        }
        try {
            List<StoragePathStatus> paths = new ArrayList<>();
            for (LocalStorage.Entry e : s.entries()) {
                StoragePathStatus ps = new StoragePathStatus();
                ps.id = e.spec().id;
                long total = Files.getFileStore(e.files().root()).getTotalSpace();
                ps.capacityBytes = e.spec().maxStorage == null ? total
                        : Math.min(total, io.sealfleet.table.Bytes.parse(e.spec().maxStorage));
                ps.availableBytes = e.space().reportedAvailable();
                List<StoredSector> sectors = new ArrayList<>();
                for (SectorName n : e.files().sectors()) {
                    StoredSector st = new StoredSector();
                    st.miner = n.miner();
                    st.sector = n.number();
                    st.files = new ArrayList<>(e.files().present(n));
                    if (!st.files.isEmpty()) {
                        sectors.add(st);
                    }
                }
                ps.sectors = sectors;
                paths.add(ps);
            }
            for (int tries = 0; tries < 5; tries++) {
                GenericKubernetesResource current = client.genericKubernetesResources(WORKERS).inNamespace(cfg.namespace())
                        .withName(cfg.worker()).get();
                if (current == null) {
                    return;
                }
                Object raw = current.getAdditionalProperties().get("status");
                SealingWorkerStatus status = raw == null ? new SealingWorkerStatus() : MAPPER.convertValue(raw, SealingWorkerStatus.class);
                status.storage = paths;
                status.agent = agentReport();
                status.capabilities = capabilities();
                status.endpoint = "http://" + cfg.transferHost() + ":" + (transfer == null ? cfg.transferPort() : transfer.baseUri().getPort());
                if (writer.write(WORKERS, current, status).outcome() != StatusWriter.Outcome.CONFLICT) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log("cannot report storage: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pod as the agent finds it: open-files limit, caches, memory in use, the GPU engine check. */
    private AgentReport agentReport() {
        AgentReport r = new AgentReport();
        if (openFiles != null) {
            r.openFilesLimit = openFiles.effective();
            r.openFilesHardLimit = openFiles.hard();
            r.openFilesRequired = cfg.minOpenFiles();
        }
        List<CacheStatus> caches = new ArrayList<>();
        try {
            if (cfg.parentCache() != null) {
                caches.add(CacheSpace.parentCache(cfg.parentCache(), sizesOf(EnumSet.of(TaskType.PreCommit1))));
            }
            if (cfg.parameterCache() != null) {
                caches.add(CacheSpace.parameterCache(cfg.parameterCache(),
                        prover() == null ? Set.of() : sizesOf(EnumSet.of(TaskType.Commit2))));
            }
        } catch (IOException | RuntimeException e) {
            log("cannot measure the caches: " + e.getMessage());
        }
        r.caches = caches.isEmpty() ? null : caches;
        try {
            CgroupMemory m = CgroupMemory.read(cgroupRoot);
            if (m != null) {
                r.cgroup = m.version();
                // Rounded, so that use moving by a few pages does not rewrite the status (and start an operator pass).
                r.memoryInUseBytes = roundToReportStep(m.memoryBytes());
                r.swapInUseBytes = roundToReportStep(m.swapBytes());
            }
        } catch (IOException | RuntimeException e) {
            log("cannot read the cgroup's memory use: " + e.getMessage());
        }
        r.pc2GpuCheck = gpuGate.result();
        return r;
    }

    /** The nearest multiple of 128 MiB. */
    static long roundToReportStep(long bytes) {
        long step = 128L << 20;
        return (bytes + step / 2) / step * step;
    }

    /** Sector sizes of the namespace's unfinished tasks of these types that this worker accepts. */
    private Set<SectorSize> sizesOf(Set<TaskType> types) {
        Set<SectorSize> sizes = EnumSet.noneOf(SectorSize.class);
        WorkerNode n = node;
        for (SectorTask t : taskInformer.getStore().list()) {
            if (t.getSpec() == null || t.getSpec().type == null || !types.contains(t.getSpec().type)
                    || (n != null && !n.accepts(t.getSpec().type))
                    || (t.getStatus() != null && t.getStatus().phase != null && t.getStatus().phase.isFinished())) {
                continue;
            }
            try {
                sizes.add(SectorSize.parse(t.getSpec().sectorSize));
            } catch (IllegalArgumentException e) {
                // An invalid task is reported on the task itself.
            }
        }
        return sizes;
    }

    // ---- fetching ------------------------------------------------------------------------------------

    @Override
    public void fetch(SectorTaskSpec spec, SectorName sector, SectorSize size, Set<FileType> types, LocalStorage.Entry target)
            throws TransferException, KernelException, IOException, InterruptedException {
        for (SealingWorker w : workerInformer.getStore().list()) {
            if (w.getMetadata().getName().equals(cfg.worker()) || w.getStatus() == null || w.getStatus().endpoint == null
                    || w.getStatus().storage == null) {
                continue;
            }
            for (StoragePathStatus ps : w.getStatus().storage) {
                if (ps.sectors == null || ps.sectors.stream().noneMatch(s -> SectorName.of(s.miner, s.sector).equals(sector)
                        && s.files.containsAll(types))) {
                    continue;
                }
                StoragePathSpec pathSpec = w.getSpec().storage == null ? null
                        : w.getSpec().storage.stream().filter(p -> p.id.equals(ps.id)).findFirst().orElse(null);
                List<String> allowTo = pathSpec == null ? null : effectiveAllowTo(pathSpec);
                Semaphore limit = fetchLimit(size);
                if (limit != null) {
                    limit.acquire();
                }
                try {
                    fetcher.fetch(URI.create(w.getStatus().endpoint), sector, types, target.files(), allowTo, target.groups());
                    return;
                } finally {
                    if (limit != null) {
                        limit.release();
                    }
                }
            }
        }
        throw new KernelException(AttemptFailure.InputMissing, "no worker reports the " + types + " files of sector " + spec.miner + "/"
                + spec.sector + "; they are missing");
    }

    /** GET_<size>_MAX_CONCURRENT bounds this worker's transfers of that sector size. */
    private Semaphore fetchLimit(SectorSize size) {
        int n = node == null ? 0 : node.table().get(TaskType.Fetch, size).maxConcurrent();
        return n <= 0 ? null : fetchLimits.computeIfAbsent(size.label(), k -> new Semaphore(n, true));
    }

    /** A path's own allowTo, else the union of its StorageGroups' allowTo, else null (anywhere). */
    private List<String> effectiveAllowTo(StoragePathSpec p) {
        return io.sealfleet.scheduler.StoragePath.effectiveAllowTo(p.allowTo, p.groups, g -> {
            StorageGroup sg = groupInformer == null ? null : groupInformer.getStore().getByKey(cfg.namespace() + "/" + g);
            return sg == null || sg.getSpec() == null ? null : sg.getSpec().allowTo;
        });
    }

    // ---- what task runs need ---------------------------------------------------------------------------

    @Override
    public String worker() {
        return cfg.worker();
    }

    @Override
    public Path stateDir() {
        return cfg.storageRoot().resolve(".agent-" + cfg.worker());
    }

    @Override
    public Path sealer() {
        return cfg.sealer();
    }

    @Override
    public LocalStorage storage() {
        return storage;
    }

    @Override
    public TaskStatusUpdater tasks() {
        return updater;
    }

    @Override
    public String now() {
        return TaskRun.now(clock);
    }

    @Override
    public Map<String, String> kernelEnv(SectorTask task) {
        Map<String, String> env = new HashMap<>();
        SealingWorker w = me;
        if (w != null && w.getSpec().env != null) {
            env.putAll(w.getSpec().env);
        }
        if (cfg.parentCache() != null) {
            env.put("FIL_PROOFS_PARENT_CACHE", cfg.parentCache().toString());
        }
        if (cfg.parameterCache() != null) {
            env.put("FIL_PROOFS_PARAMETER_CACHE", cfg.parameterCache().toString());
        }
        TaskRequest req = ClusterStateBuilder.request(task);
        Capacity cap = node.sealingCapacity();
        if (!table().get(req.type(), req.size()).usesGpu(cap.gpus())) {
            env.put("CUDA_VISIBLE_DEVICES", "");
        }
        return env;
    }

    @Override
    public int threads(SectorTask task) {
        TaskRequest req = ClusterStateBuilder.request(task);
        Capacity cap = node.sealingCapacity();
        return table().get(req.type(), req.size()).threads(cap.cpus(), cap.gpus());
    }

    /** The worker's table, PreCommit2 moved to the CPU engine as soon as this agent's GPU check failed. */
    private ResourceTable table() {
        GpuEngineCheck check = gpuGate.result();
        return check != null && GpuEngineCheck.FAILED.equals(check.result) ? node.table().withCpuEngine(TaskType.PreCommit2)
                : node.table();
    }

    @Override
    public String pc2Engine(SectorTask task) throws InterruptedException {
        SealingWorker w = me;
        if (w == null || !Pc2Engine.fromSpec(w.getSpec()).gpu() || node.sealingCapacity().gpus() <= 0
                || task.getSpec().type != TaskType.PreCommit2) {
            return "cpu";
        }
        Map<String, String> env = new HashMap<>(kernelEnv(task));
        env.remove("CUDA_VISIBLE_DEVICES");
        boolean firstCheck = gpuGate.result() == null;
        boolean gpu = gpuGate.passed(env, this::log);
        if (firstCheck) {
            loop.execute(this::report);
        }
        return gpu ? "gpu" : "cpu";
    }

    @Override
    public OpenFilesLimit openFiles() {
        return openFiles;
    }

    @Override
    public Prover prover() {
        SealingWorker w = me;
        return w == null ? null : Provers.of(w.getSpec().externalProver);
    }

    /** The sealer's capabilities, read once, with the prover adapter as this worker finds it now. */
    private WorkerCapabilities capabilities() throws InterruptedException {
        if (sealerCapabilities == null) {
            sealerCapabilities = SealerCapabilities.read(cfg.sealer(), new ChildProcess(openFiles), stateDir(), TaskRun.now(clock));
            if (sealerCapabilities.error != null) {
                log(sealerCapabilities.error);
            }
        }
        WorkerCapabilities c = MAPPER.convertValue(sealerCapabilities, WorkerCapabilities.class);
        Prover p = prover();
        c.prover = p == null ? null : ProverProbe.check(p, System.getenv("PATH"));
        return c;
    }

    @Override
    public boolean taskGone(SectorTask task) {
        return taskInformer.getStore().getByKey(key(task)) == null;
    }

    @Override
    public void reached(String point, TaskRun run) {
        var hook = testHook;
        if (hook != null) {
            hook.accept(point, run.id());
        }
    }

    @Override
    public void log(String line) {
        System.err.println("agent " + cfg.worker() + ": " + line);
    }

    /** The port other agents reach this one on (the configured one, or the one picked for port 0). */
    public int transferPort() {
        return transfer == null ? cfg.transferPort() : transfer.baseUri().getPort();
    }
}
