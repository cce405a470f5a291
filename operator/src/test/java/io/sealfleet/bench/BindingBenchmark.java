package io.sealfleet.bench;

import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.api.WorkerResources;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.SealfleetOperator;
import io.sealfleet.controller.WorkerPods;
import io.sealfleet.table.TaskType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Not a test. Applies 1,000 SectorTasks to the Fabric8 mock server (CRUD mode, generated CRDs) and
 * measures the time from starting an operator until all are bound, beside the time the same server takes
 * to accept 1,000 status patches of the operator's kind (conditional JSON Patch to /status), and prints
 * the ratio (target <= 2x).
 *
 * <p>The tasks exist before the operator starts, as after a restart or a bulk apply: Lotus's windows
 * give each worker at most two windows' worth per pass until tasks start, so the workers (4 x 128 cores,
 * one-thread AddPiece 2KiB tasks) can take all 1,000 in the first pass.
 *
 * <p>Run: {@code mvn -q -Pbench verify -Dbench.main=io.sealfleet.bench.BindingBenchmark} (from operator/).
 */
public final class BindingBenchmark {
    private static final int TASKS = 1000;
    private static final String NS = "default";
    /** The mock logs every request at INFO; kept quiet so logging does not weigh on either figure. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private BindingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            installCrds(client);
            statusPatches(client, "baseline-warmup", 300);
            long cpu0 = cpuNanos();
            double patches = statusPatches(client, "baseline", TASKS);
            double patchesCpu = (cpuNanos() - cpu0) / 1e6;
            double[] binding = binding(client);
            System.out.printf(Locale.ROOT, "%n%d status patches (conditional JSON Patch to /status, one client, sequential): "
                    + "%.0f ms wall, %.0f ms CPU%n", TASKS, patches, patchesCpu);
            System.out.printf(Locale.ROOT, "%d SectorTasks from operator start to all bound: %.0f ms wall, %.0f ms CPU%n",
                    TASKS, binding[0], binding[1]);
            System.out.printf(Locale.ROOT, "ratio bound/patches: %.2fx wall, %.2fx CPU (target <= 2x); load average %.2f%n",
                    binding[0] / patches, binding[1] / patchesCpu,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            server.destroy();
        }
        System.exit(0);
    }

    private static void installCrds(KubernetesClient client) throws Exception {
        Path dir = Path.of(System.getProperty("sealfleet.repo.root", "..")).resolve("crds");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
                }
            }
        }
    }

    private static SectorTask task(String ns, int i) {
        SectorTask t = new SectorTask();
        t.getMetadata().setName("ap-" + i);
        t.getMetadata().setNamespace(ns);
        SectorTaskSpec s = new SectorTaskSpec();
        s.miner = "f01000";
        s.sector = (long) i;
        s.sectorSize = "2KiB";
        s.type = TaskType.AddPiece;
        t.setSpec(s);
        return t;
    }

    /** Milliseconds for n status patches like the operator's binding patch, on objects that exist. */
    private static double statusPatches(KubernetesClient client, String ns, int n) {
        for (int i = 0; i < n; i++) {
            client.resource(task(ns, i)).create();
        }
        List<SectorTask> tasks = client.resources(SectorTask.class).inNamespace(ns).list().getItems();
        long start = System.nanoTime();
        for (SectorTask t : tasks) {
            String body = "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                    + t.getMetadata().getResourceVersion() + "\"},{\"op\":\"add\",\"path\":\"/status\",\"value\":"
                    + "{\"phase\":\"Scheduled\",\"worker\":\"w0\",\"path\":\"w0-seal\",\"attempt\":1,\"observedGeneration\":1,"
                    + "\"conditions\":[{\"type\":\"Valid\",\"status\":\"True\",\"reason\":\"SpecValid\",\"message\":\"the spec is valid\","
                    + "\"lastTransitionTime\":\"2025-01-01T00:00:00Z\",\"observedGeneration\":1},{\"type\":\"Scheduled\","
                    + "\"status\":\"True\",\"reason\":\"Bound\",\"message\":\"bound to worker w0 (path w0-seal) as attempt 1\","
                    + "\"lastTransitionTime\":\"2025-01-01T00:00:00Z\",\"observedGeneration\":1}]}}]";
            client.genericKubernetesResources(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext
                            .fromResourceType(SectorTask.class)).inNamespace(ns).withName(t.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON), body);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** CPU time of this whole process so far (every thread: operator, client, mock server). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Wall and CPU milliseconds from starting an operator until every task is bound. */
    private static double[] binding(KubernetesClient client) throws Exception {
        OperatorConfig config = OperatorConfig.defaults().withTick(Duration.ofSeconds(5)).withNamespace(NS);
        SealfleetOperator first = SealfleetOperator.create(client, config).start();
        for (int i = 0; i < 4; i++) {
            client.resource(worker("w" + i)).create();
        }
        for (int i = 0; i < 4; i++) {
            bringUp(client, "w" + i);
        }
        first.close();

        for (int i = 0; i < TASKS; i++) {
            client.resource(task(NS, i)).create();
        }
        Set<String> bound = ConcurrentHashMap.newKeySet();
        Watch watch = client.resources(SectorTask.class).inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, SectorTask t) {
                if (t.getStatus() != null && t.getStatus().phase == TaskPhase.Scheduled) {
                    bound.add(t.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        SealfleetOperator second = SealfleetOperator.create(client, config).start();
        while (bound.size() < TASKS) {
            Thread.sleep(5);
            if (System.nanoTime() - start > 120_000_000_000L) {
                throw new IllegalStateException("only " + bound.size() + " tasks bound after 120 s");
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        double cpu = (cpuNanos() - cpuStart) / 1e6;
        watch.close();
        second.close();
        return new double[] {ms, cpu};
    }

    private static SealingWorker worker(String name) {
        SealingWorker w = new SealingWorker();
        w.getMetadata().setName(name);
        w.getMetadata().setNamespace(NS);
        SealingWorkerSpec spec = new SealingWorkerSpec();
        spec.resources = new WorkerResources();
        spec.resources.cpu = 128;
        spec.resources.memory = "512Gi";
        StoragePathSpec p = new StoragePathSpec();
        p.id = name + "-seal";
        p.hostPath = "/srv/" + name;
        p.canSeal = true;
        spec.storage = List.of(p);
        w.setSpec(spec);
        return w;
    }

    private static void bringUp(KubernetesClient client, String worker) throws InterruptedException {
        String pod = WorkerPods.podName(worker);
        while (client.pods().inNamespace(NS).withName(pod).get() == null) {
            Thread.sleep(20);
        }
        client.pods().inNamespace(NS).withName(pod).editStatus(p -> {
            p.setStatus(new PodStatusBuilder().withPhase("Running").build());
            return p;
        });
        client.resource(new LeaseBuilder().withNewMetadata().withName(WorkerPods.leaseName(worker)).withNamespace(NS).endMetadata()
                .withNewSpec().withHolderIdentity(pod).withLeaseDurationSeconds(3600).withRenewTime(ZonedDateTime.now())
                .endSpec().build()).create();
        while (true) {
            SealingWorker w = client.resources(SealingWorker.class).inNamespace(NS).withName(worker).get();
            if (w.getStatus() != null && w.getStatus().phase == WorkerPhase.Ready) {
                return;
            }
            Thread.sleep(20);
        }
    }

}
