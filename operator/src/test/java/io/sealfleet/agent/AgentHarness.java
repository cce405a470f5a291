package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.lifecycle.PhaseOrder;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.controller.Clients;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.SealfleetOperator;
import io.sealfleet.controller.WorkerPods;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The whole system in one JVM for agent tests: a mock API server (CRUD mode) with the CRDs of
 * {@code crds/}, the operator, the kubelet's part (worker pods marked Running, as the demo's launcher
 * does) and in-process {@link Agent}s, each with its own storage root, one transfer token, the native
 * {@code sealer} (or a wrapper that counts its calls) and a 200 ms tick. Every status a SectorTask ever
 * had is recorded from a watch.
 */
public final class AgentHarness implements AutoCloseable {
    public static final String NS = "default";
    public static final String TOKEN = "agent-harness-transfer-token";
    static final Duration TICK = Duration.ofMillis(200);
    public static final Path REPO = Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
    public static final Path SEALER = REPO.resolve("native-proofs/build/sealer");
    /** The SDR parent cache, shared by every test (generating the 8 MiB one takes a second or two). */
    public static final Path PARENTS = Path.of(System.getProperty("java.io.tmpdir"), "sealfleet-agent-test-parents");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    public final KubernetesClient client;
    private final KubernetesMockServer server;
    private final SealfleetOperator operator;
    private final Watch pods;
    private final Watch tasks;
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final List<KubernetesClient> agentClients = new ArrayList<>();
    private final Map<String, List<SectorTaskStatus>> history = new ConcurrentHashMap<>();
    /** The sealer the agents run: the real one, or {@link #countingSealer()}. */
    Path sealer = SEALER;
    /** The SDR parent cache the agents use. */
    Path parents = PARENTS;
    /** The open-files limit agents started from now on require; by default what this machine's hard limit allows. */
    long minOpenFiles = 256;

    public AgentHarness(Path dir) throws IOException {
        assertThat(SEALER).as("the native sealer (built by the Maven reactor before the Java tests)").isExecutable();
        this.dir = dir;
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = newClient();
        try (Stream<Path> files = Files.list(REPO.resolve("crds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
                }
            }
        }
        tasks = client.resources(SectorTask.class).inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, SectorTask t) {
                if (t.getStatus() != null && action != Action.DELETED) {
                    history.computeIfAbsent(t.getMetadata().getName(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(t.getStatus());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        pods = client.pods().inNamespace(NS).withLabelSelector(WorkerPods.SELECTOR).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if ((action == Action.ADDED || action == Action.MODIFIED) && pod.getMetadata().getDeletionTimestamp() == null
                        && (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()))) {
                    markRunning(pod);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        operator = SealfleetOperator.create(client, OperatorConfig.defaults().withTick(TICK).withMetricsPort(0)
                .withWorkerImage("sealfleet/worker:test")).start();
    }

    private KubernetesClient newClient() {
        return Clients.tolerant(server.createClient().getConfiguration());
    }

    /** The kubelet's part, as {@code LocalWorkerLauncher.markRunning}: the pod runs on localhost. */
    private void markRunning(Pod pod) {
        client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).edit(p -> {
            p.getSpec().setNodeName("localhost");
            p.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            return p;
        });
    }

    // ---- objects --------------------------------------------------------------------------------------

    /** Creates every object of a multi-document YAML (SealingWorker, StorageGroup, SectorTask). */
    public void apply(String yaml) {
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            Class<? extends HasMetadata> kind = doc.contains("kind: SealingWorker") ? SealingWorker.class
                    : doc.contains("kind: StorageGroup") ? StorageGroup.class : SectorTask.class;
            HasMetadata o = client.getKubernetesSerialization().unmarshal(doc, kind);
            o.getMetadata().setNamespace(NS);
            client.resource(o).create();
        }
    }

    public SectorTask task(String name) {
        return client.resources(SectorTask.class).inNamespace(NS).withName(name).get();
    }

    SealingWorker worker(String name) {
        return client.resources(SealingWorker.class).inNamespace(NS).withName(name).get();
    }

    // ---- agents ---------------------------------------------------------------------------------------

    Path root(String worker) {
        return dir.resolve("roots").resolve(worker);
    }

    public Agent startAgent(String worker) throws IOException {
        return startAgent(worker, a -> { });
    }

    /** Starts the worker's agent on its storage root; {@code setUp} may set the agent's test hooks first. */
    Agent startAgent(String worker, java.util.function.Consumer<Agent> setUp) throws IOException {
        assertThat(agents).as("agents running").doesNotContainKey(worker);
        KubernetesClient c = newClient();
        synchronized (agentClients) {
            agentClients.add(c);
        }
        AgentConfig cfg = new AgentConfig(worker, NS, WorkerPods.podName(worker), WorkerPods.leaseName(worker), root(worker), sealer,
                "127.0.0.1", 0, TOKEN, parents, null, minOpenFiles, TICK);
        Agent a = new Agent(c, cfg, Clock.systemUTC());
        setUp.accept(a);
        a.start();
        agents.put(worker, a);
        return a;
    }

    /** Stops the worker's agent as a crash would (children killed, nothing cleaned up or reported). */
    void kill(String worker) {
        Agent a = agents.remove(worker);
        assertThat(a).as("agent of " + worker).isNotNull();
        a.kill();
    }

    /** A hook for {@link Agent#testHook}: runs {@code action} once, at the first matching point. */
    static BiConsumer<String, String> once(Predicate<String> point, Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return (p, task) -> {
            if (point.test(p + " " + task) && done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** A sealer wrapper that logs each subcommand to {@code sealer-calls.log}, then runs the real one. */
    Path countingSealer() throws IOException {
        Path script = Files.createDirectories(dir).resolve("sealer-counting.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >> '" + dir.resolve("sealer-calls.log") + "'\nexec '" + SEALER + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** How often the agents ran {@code sealer <subcommand>} through {@link #countingSealer()}. */
    long sealerCalls(String subcommand) throws IOException {
        Path log = dir.resolve("sealer-calls.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(subcommand::equals).count() : 0;
    }

    // ---- waiting --------------------------------------------------------------------------------------

    public void awaitWorkerReady(String... workers) {
        for (String w : workers) {
            await("worker " + w + " Ready", Duration.ofSeconds(30), () -> {
                SealingWorker sw = worker(w);
                return sw != null && sw.getStatus() != null && sw.getStatus().phase == WorkerPhase.Ready
                        && sw.getStatus().endpoint != null;
            }, () -> String.valueOf(worker(w) == null ? null : Json.of(worker(w).getStatus())));
        }
    }

    /** Waits for the task's phase; a task that failed for good while waiting for something else ends the wait. */
    public SectorTask awaitPhase(String task, TaskPhase phase, Duration within) {
        await(task + " " + phase, within, () -> {
            SectorTask t = task(task);
            if (t != null && t.getStatus() != null && phase != TaskPhase.Failed && failedForGood(t)) {
                throw new AssertionError(task + " failed for good: " + Json.of(t.getStatus()));
            }
            return t != null && t.getStatus() != null && t.getStatus().phase == phase;
        }, () -> task(task) == null ? "no such task" : Json.of(task(task).getStatus()));
        return task(task);
    }

    /**
     * A SealingWorker with 2 CPUs, 4 GiB and one sealing path ({@code <name>-seal} at {@code /srv/<name>});
     * {@code tasks} is its {@code spec.tasks} list, e.g. {@code [AddPiece, PreCommit1, PreCommit2]}, or null for all.
     */
    static String sealingWorker(String name, String tasks) {
        return """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: %1$s}
                spec:
                %2$s  resources: {cpu: 2, memory: 4Gi}
                  storage:
                    - {id: %1$s-seal, hostPath: /srv/%1$s, canSeal: true}
                """.formatted(name, tasks == null ? "" : "  tasks: " + tasks + "\n");
    }

    /** A SectorTask of miner t01000 tried once ({@code retry: {maxAttempts: 1}}); {@code more} adds spec fields, one per line. */
    static String task(String name, long sector, String size, String type, String more) {
        return """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: %s}
                spec:
                  miner: t01000
                  sector: %d
                  sectorSize: %s
                  type: %s
                  retry: {maxAttempts: 1}
                %s""".formatted(name, sector, size, type, more.indent(2));
    }

    /** Writes {@code n} seeded random bytes to {@code file} (a deal's payload) and returns them. */
    static byte[] randomFile(Path file, int n, long seed) throws IOException {
        byte[] bytes = new byte[n];
        new java.util.Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        return bytes;
    }

    static boolean failedForGood(SectorTask t) {
        return t.getStatus().phase == TaskPhase.Failed && t.getStatus().conditions.stream()
                .anyMatch(c -> "Succeeded".equals(c.type) && "False".equals(c.status));
    }

    static void await(String what, Duration within, java.util.concurrent.Callable<Boolean> cond, java.util.function.Supplier<String> state) {
        await(what, within, Duration.ofMillis(25), cond, state);
    }

    /** Polls {@code cond} every {@code poll} until true or {@code within} passes; the message says what was awaited. */
    public static void await(String what, Duration within, Duration poll, java.util.concurrent.Callable<Boolean> cond,
                             java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (cond.call()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                // The API may be busy or briefly unavailable; try again.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + " waiting for " + what + "; now: " + state.get());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    // ---- what the tests check -------------------------------------------------------------------------

    /** Every status of the task the watch saw, in order. */
    List<SectorTaskStatus> history(String task) {
        List<SectorTaskStatus> h = history.getOrDefault(task, List.of());
        synchronized (h) {
            return List.copyOf(h);
        }
    }

    /** The phases the task went through, repeats folded. */
    public List<String> phases(String task) {
        List<String> out = new ArrayList<>();
        for (SectorTaskStatus s : history(task)) {
            String p = s.phase + "#" + s.attempt;
            if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The task succeeded exactly once: the watch saw it reach Succeeded once, never leave it, the
     * outputs of every Succeeded status are the same as now, and no phase went back within an attempt.
     */
    void assertSucceededOnce(String task) {
        await(task + " seen Succeeded by the watch", Duration.ofSeconds(5), () -> {
            List<SectorTaskStatus> h = history(task);
            return !h.isEmpty() && h.get(h.size() - 1).phase == TaskPhase.Succeeded;
        }, () -> phases(task).toString());
        List<SectorTaskStatus> h = history(task);
        int firstSuccess = -1;
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).phase == TaskPhase.Succeeded && firstSuccess < 0) {
                firstSuccess = i;
            }
        }
        List<SectorTaskStatus> after = h.subList(firstSuccess, h.size());
        assertThat(after).as("%s after its success (phases %s)", task, phases(task))
                .allMatch(s -> s.phase == TaskPhase.Succeeded);
        String outputs = Json.of(task(task).getStatus().outputs);
        assertThat(after).as("outputs of %s once succeeded", task).allMatch(s -> Json.of(s.outputs).equals(outputs));
        assertThat(task(task).getStatus().outputs).as("outputs of " + task).isNotNull();
        for (int i = 1; i < h.size(); i++) {
            SectorTaskStatus before = h.get(i - 1);
            SectorTaskStatus now = h.get(i);
            if (before.attempt != null && before.attempt.equals(now.attempt)) {
                assertThat(PhaseOrder.rank(now.phase)).as("%s went from %s to %s within attempt %s (phases %s)", task, before.phase,
                        now.phase, now.attempt, phases(task)).isGreaterThanOrEqualTo(PhaseOrder.rank(before.phase));
            }
        }
    }

    /**
     * The worker's storage is clean once the task is done: no {@code .partial} (nor sealer
     * {@code .tmp.<pid>}) file in unsealed/sealed/cache, no work directory of the task left, no reservation for the
     * task in {@code .sealfleet/reservations.json}, no result marker left behind.
     */
    void assertStorageClean(String worker, String task) throws IOException {
        // The agent cleans up just after its status write: give it a moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> leftovers = leftovers(worker, task);
        while (!leftovers.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            leftovers = leftovers(worker, task);
        }
        assertThat(leftovers).as("what %s left on its storage after %s (phases %s)", worker, task, phases(task)).isEmpty();
    }

    private List<String> leftovers(String worker, String task) throws IOException {
        Path root = root(worker);
        List<String> leftovers = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                String name = p.getFileName().toString();
                boolean sectorFile = rel.contains("unsealed/") || rel.contains("sealed/") || rel.contains("cache/");
                if (sectorFile && (name.endsWith(SectorFiles.PARTIAL) || name.contains(".tmp."))) {
                    leftovers.add(rel);
                }
                if (rel.matches("(.*/)?\\.sealfleet/work/" + java.util.regex.Pattern.quote(NS + "_" + task + "_a") + "\\d+")) {
                    leftovers.add(rel);
                }
                if (rel.matches("\\.agent-[^/]+/results/.+") && name.contains("_" + task + "_")) {
                    leftovers.add(rel);
                }
                if (name.equals("reservations.json")) {
                    Map<String, Object> r = JSON.readValue(p.toFile(), new TypeReference<Map<String, Object>>() { });
                    if (r.containsKey(NS + "/" + task)) {
                        leftovers.add(rel + " reserves for " + NS + "/" + task + ": " + r.get(NS + "/" + task));
                    }
                }
            }
        }
        return leftovers;
    }

    /** Runs the real sealer directly (not through an agent) and returns its JSON object. */
    public static com.fasterxml.jackson.databind.JsonNode runSealer(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SEALER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SEALER_QUIET", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        assertThat(rc).as("sealer %s: %s", args[0], new String(out, java.nio.charset.StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(out);
    }

    /** The sector file of a type on the worker's path. */
    public Path file(String worker, String pathId, String typeDir, String sector) {
        return root(worker).resolve(pathId).resolve(typeDir).resolve(sector);
    }

    @Override
    public void close() {
        agents.values().forEach(Agent::kill);
        agents.clear();
        operator.close();
        pods.close();
        tasks.close();
        synchronized (agentClients) {
            agentClients.forEach(KubernetesClient::close);
        }
        client.close();
        server.destroy();
    }

    /** JSON for messages and comparisons. */
    static final class Json {
        private Json() {
        }

        static String of(Object o) {
            try {
                return JSON.writeValueAsString(o);
            } catch (IOException e) {
                return String.valueOf(o);
            }
        }
    }
}
