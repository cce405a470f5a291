package io.sealfleet.controller;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sealfleet.api.GpuSelector;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.AttemptStage;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.api.WorkerResources;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A mock API server with the generated CRDs, an operator on it, and the helpers a test needs to play
 * the parts nobody plays on the mock: the kubelet (pods Running) and the worker agent (heartbeat Lease,
 * task phases).
 */
final class Cluster implements AutoCloseable {
    static final String NS = "default";
    static final String TICKET = "a".repeat(64);
    static final String SEED = "b".repeat(64);
    static final Duration WAIT = Duration.ofSeconds(10);

    final KubernetesClient client;
    final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    SealfleetOperator operator;

    Cluster(KubernetesClient client) {
        this.client = client;
        installCrds(client);
    }

    static void installCrds(KubernetesClient client) {
        Path dir = Path.of(System.getProperty("sealfleet.repo.root", "..")).resolve("crds");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
                            .create();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    OperatorConfig config() {
        return OperatorConfig.defaults().withClock(clock).withTick(Duration.ofMillis(100)).withWorkerImage("sealfleet/worker:test");
    }

    Cluster start() {
        return start(config());
    }

    Cluster start(OperatorConfig config) {
        operator = SealfleetOperator.create(client, config).start();
        return this;
    }

    void restart() {
        operator.close();
        start();
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.close();
        }
    }

    // ---- objects ------------------------------------------------------------------------------------

    static SealingWorker worker(String name, int cpu, String memory, Consumer<SealingWorkerSpec> more) {
        SealingWorker w = new SealingWorker();
        w.getMetadata().setName(name);
        w.getMetadata().setNamespace(NS);
        SealingWorkerSpec spec = new SealingWorkerSpec();
        spec.resources = new WorkerResources();
        spec.resources.cpu = cpu;
        spec.resources.memory = memory;
        StoragePathSpec path = new StoragePathSpec();
        path.id = name + "-seal";
        path.hostPath = "/srv/" + name;
        path.canSeal = true;
        spec.storage = List.of(path);
        more.accept(spec);
        w.setSpec(spec);
        return w;
    }

    static GpuSelector gpu(String product, long memoryMiB) {
        GpuSelector g = new GpuSelector();
        g.products = List.of(product);
        g.minMemoryMiB = memoryMiB;
        return g;
    }

    static SectorTask task(String name, TaskType type, long sector, Consumer<SectorTaskSpec> more) {
        SectorTask t = new SectorTask();
        t.getMetadata().setName(name);
        t.getMetadata().setNamespace(NS);
        SectorTaskSpec spec = new SectorTaskSpec();
        spec.miner = "f01000";
        spec.sector = sector;
        spec.sectorSize = "2KiB";
        spec.type = type;
        if (type == TaskType.PreCommit1 || type == TaskType.Commit1) {
            spec.ticket = TICKET;
        }
        if (type == TaskType.Commit1) {
            spec.seed = SEED;
        }
        more.accept(spec);
        t.setSpec(spec);
        return t;
    }

    static StorageGroup group(String name) {
        StorageGroup g = new StorageGroup();
        g.getMetadata().setName(name);
        g.getMetadata().setNamespace(NS);
        g.setSpec(new io.sealfleet.api.StorageGroupSpec());
        return g;
    }

    <T extends io.fabric8.kubernetes.api.model.HasMetadata> T create(T o) {
        return client.resource(o).create();
    }

    SealingWorker worker(String name) {
        return client.resources(SealingWorker.class).inNamespace(NS).withName(name).get();
    }

    SectorTask task(String name) {
        return client.resources(SectorTask.class).inNamespace(NS).withName(name).get();
    }

    Pod pod(String worker) {
        return client.pods().inNamespace(NS).withName(WorkerPods.podName(worker)).get();
    }

    void node(String name, int gpus, String product, long memoryMiB) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
        if (gpus > 0) {
            b.editMetadata().withLabels(Map.of(WorkerPods.GPU_PRODUCT_NODE_LABEL, product,
                    WorkerPods.GPU_MEMORY_NODE_LABEL, Long.toString(memoryMiB),
                    WorkerPods.GPU_COUNT_NODE_LABEL, Integer.toString(gpus))).endMetadata()
                    .withNewStatus().withAllocatable(Map.of(WorkerPods.GPU_RESOURCE, new Quantity(Integer.toString(gpus))))
                    .endStatus();
        }
        client.resource(b.build()).create();
    }

    // ---- the kubelet and the agent ------------------------------------------------------------------

    /** The pod runs on the node and the agent heartbeats: the worker becomes Ready. */
    void bringUp(String worker, String node) {
        await().atMost(WAIT).until(() -> pod(worker) != null);
        Pod pod = pod(worker);
        client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).edit(p -> {
            p.getSpec().setNodeName(node);
            return p;
        });
        client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            return p;
        });
        reportCapabilities(worker);
        heartbeat(worker);
        awaitWorkerPhase(worker, WorkerPhase.Ready);
    }

    /** The agent reports what its sealer and prover run: everything, its prover (if any) installed. */
    void reportCapabilities(String worker) {
        SealingWorker w = worker(worker);
        io.sealfleet.api.ExternalProver prover = w.getSpec().externalProver;
        var caps = io.sealfleet.kube.ReportedCapabilities.all(prover == null ? null : prover.effectiveAdapter());
        String json = "{\"status\":{\"capabilities\":" + Json.write(caps) + "}}";
        client.resources(SealingWorker.class).inNamespace(NS).withName(worker).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    /** The agent renews its Lease now (by the test clock). */
    void heartbeat(String worker) {
        String name = WorkerPods.leaseName(worker);
        Lease existing = client.leases().inNamespace(NS).withName(name).get();
        Lease lease = existing != null ? existing : new LeaseBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .endMetadata().withNewSpec().withHolderIdentity(WorkerPods.podName(worker)).withLeaseDurationSeconds(30)
                .endSpec().build();
        lease.getSpec().setRenewTime(clock.instant().atZone(ZoneOffset.UTC));
        if (existing == null) {
            client.resource(lease).create();
        } else {
            client.resource(lease).update();
        }
    }

    /** Time passes in steps short of a lease; the named workers' agents keep heartbeating meanwhile. */
    void passTime(Duration d, String... alive) {
        Duration left = d;
        while (!left.isZero()) {
            Duration step = left.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : left;
            clock.advance(step);
            left = left.minus(step);
            for (String w : alive) {
                heartbeat(w);
            }
        }
    }

    /** The agent reports on the task's current attempt (the operator then moves the phase). */
    void agent(String task, TaskPhase phase) {
        agent(task, phase, null, null);
    }

    void agent(String task, TaskPhase phase, String reason, String message) {
        retryOnConflict(() -> agentOnce(task, phase, reason, message));
    }

    private void agentOnce(String task, TaskPhase phase, String reason, String message) {
        SectorTask t = task(task);
        SectorTaskStatus st = t.getStatus();
        StringBuilder json = new StringBuilder("{\"metadata\":{\"resourceVersion\":\"")
                .append(t.getMetadata().getResourceVersion()).append("\"},\"status\":{\"report\":{\"stage\":\"")
                .append(AttemptStage.valueOf(phase.name())).append("\",\"attempt\":").append(st.attempt)
                .append(",\"worker\":\"").append(st.worker).append('"');
        String now = Conditions.time(clock.instant());
        String started = st.report != null && st.report.isAbout(st.attempt, st.worker) ? st.report.startTime : null;
        json.append(",\"startTime\":\"").append(started == null ? now : started).append('"');
        if (phase.isFinished()) {
            json.append(",\"finishTime\":\"").append(now).append('"');
        }
        if (reason != null) {
            json.append(",\"reason\":\"").append(reason).append("\",\"message\":\"").append(message).append('"');
        }
        json.append("}}}");
        client.resources(SectorTask.class).inNamespace(NS).withName(task).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json.toString());
    }

    /** Runs a write until it does not meet a 409 (the operator wrote in between), as an agent would. */
    void retryOnConflict(Runnable write) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            try {
                write.run();
                return true;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return false;
                }
                throw e;
            }
        });
    }

    // ---- waiting ------------------------------------------------------------------------------------

    void awaitWorkerPhase(String worker, WorkerPhase phase) {
        await().atMost(WAIT).until(() -> {
            SealingWorker w = worker(worker);
            return w != null && w.getStatus() != null && w.getStatus().phase == phase;
        });
    }

    void awaitTaskPhase(String task, TaskPhase phase) {
        await().atMost(WAIT).until(() -> {
            SectorTask t = task(task);
            return t != null && t.getStatus() != null && t.getStatus().phase == phase;
        });
    }

    /** Waits until the loop has run a pass that started after now (it saw everything written before). */
    void awaitPass() {
        long seen = operator.loop().passes();
        operator.loop().trigger();
        await().atMost(WAIT).until(() -> operator.loop().passes() >= seen + 2);
    }
}
