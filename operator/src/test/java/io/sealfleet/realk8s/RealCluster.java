package io.sealfleet.realk8s;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.controller.Clients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One real kube-apiserver (v1.32, with etcd) for the whole test JVM, started by fabric8's kube-api-test on
 * first use and stopped when the JVM exits: starting one costs seconds, so every real-server test class
 * shares it and isolates itself in namespaces of its own. The generated CRDs of {@code crds/} are installed
 * once. The kube-controller-manager (garbage collection, namespace deletion) starts only when a test asks.
 *
 * <p>Binaries: where the workplace's {@code ../shared/k8s/install} exists beside the checkout, it lays them
 * out (idempotently) and the server runs offline from them; elsewhere kube-api-test downloads the official
 * ones. When neither works the tests are skipped with one line saying so.
 */
final class RealCluster {
    static final String VERSION = "1.32.13";
    static final Path REPO = Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
    static final Path SEALER = REPO.resolve("native-proofs/build/sealer");
    private static final Path INSTALL = REPO.resolve("../shared/k8s/install").normalize();
    private static final Path BINARIES_HOME = Path.of(System.getProperty("user.home"), ".kubeapitest");

    private static RealCluster instance;
    private static String unavailable;
    private static AssertionError broken;

    private final KubeAPIServer server;
    private final Path dir;
    private final Path kubeconfig;
    private final KubernetesClient admin;
    private final AtomicInteger namespaces = new AtomicInteger();
    private Process controllerManager;
    private boolean stopped;

    private RealCluster(KubeAPIServer server, Path dir) throws IOException {
        this.server = server;
        this.dir = dir;
        this.kubeconfig = dir.resolve("admin.kubeconfig");
        Files.writeString(kubeconfig, server.getKubeConfigYaml());
        this.admin = Clients.tolerant(config());
    }

    /** The shared server; skips the calling test (one line) when no API server can be had here. */
    static synchronized RealCluster get() {
        if (broken != null) {
            throw broken;
        }
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (CrdRefused e) {
                broken = new AssertionError("the API server refuses the generated CRDs: " + e.getMessage(), e);
                throw broken;
            } catch (RuntimeException | IOException | InterruptedException e) {
                unavailable = String.valueOf(e);
                // Once, on one line: Surefire shows nothing for a class skipped in @BeforeAll.
                System.out.println("real-API-server tests skipped: no kube-apiserver here (" + unavailable + ")");
            }
        }
        Assumptions.assumeTrue(instance != null, () -> "real-API-server tests skipped: no kube-apiserver here (neither "
                + INSTALL + " nor a download worked: " + unavailable + ")");
        return instance;
    }

    private static RealCluster start() throws IOException, InterruptedException {
        boolean offline = Files.isExecutable(INSTALL);
        if (offline) {
            layOutSharedBinaries();
        }
        // A directory of its own per JVM (certificates, etcd data); the binaries are linked in.
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sealfleet-kube-api-");
        Files.createDirectories(BINARIES_HOME.resolve("k8s"));
        Files.createSymbolicLink(dir.resolve("k8s"), BINARIES_HOME.resolve("k8s"));
        // Every request a ServiceAccount makes is audited, so RBAC tests can list each refusal (verb, resource).
        Files.writeString(dir.resolve("audit-policy.yaml"), String.join("\n", "apiVersion: audit.k8s.io/v1", "kind: Policy",
                "omitStages: [RequestReceived]", "rules:", "  - level: Metadata", "    userGroups: [\"system:serviceaccounts\"]",
                "  - level: None", ""));
        KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir.toString())
                .withOfflineMode(offline)
                .withApiServerVersion(offline ? VERSION : "1.32.*")
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                // Without a kubelet the `kubernetes` Service would get a 127.0.0.1 endpoint, which the server refuses.
                .withApiServerFlag("--endpoint-reconciler-type", "none")
                // Owner references that block deletion need update on the owner's finalizers, as on most clusters.
                .withApiServerFlag("--enable-admission-plugins", "OwnerReferencesPermissionEnforcement")
                .withApiServerFlag("--audit-policy-file", dir.resolve("audit-policy.yaml").toString())
                .withApiServerFlag("--audit-log-path", dir.resolve("audit.log").toString())
                .withApiServerFlag("--audit-log-mode", "blocking");
        KubeAPIServer server = new KubeAPIServer(config.build());
        long t0 = System.nanoTime();
        server.start();
        RealCluster cluster = new RealCluster(server, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "real-api-server-stop"));
        try {
            cluster.installCrds();
        } catch (RuntimeException e) {
            throw new CrdRefused(e);
        }
        System.out.printf("real API server v%s started in %.1f s (%s binaries)%n", VERSION,
                (System.nanoTime() - t0) / 1e9, offline ? "shared" : "downloaded");
        return cluster;
    }

    /** The server runs but refuses a CRD: a product defect, never a reason to skip. */
    private static final class CrdRefused extends RuntimeException {
        CrdRefused(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Runs the workplace's install script into kube-api-test's binary directory (it installs etcd with apt when missing). */
    private static void layOutSharedBinaries() throws IOException, InterruptedException {
        Path out = BINARIES_HOME.resolve("k8s").resolve(VERSION + "-linux-amd64");
        if (Files.isExecutable(out.resolve("kube-apiserver")) && Files.isExecutable(out.resolve("etcd"))
                && Files.isExecutable(out.resolve("kube-controller-manager"))) {
            return;
        }
        Process p = new ProcessBuilder(INSTALL.toString(), BINARIES_HOME.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(INSTALL + " " + BINARIES_HOME + " failed (as root it installs etcd-server): " + log.strip());
        }
    }

    private void installCrds() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("crds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    CustomResourceDefinition crd = admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                    admin.resource(crd).serverSideApply();
                    admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                                    && c.getStatus().getConditions().stream()
                                    .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                                    30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** A connection as the cluster admin (system:masters). */
    Config config() {
        return Config.fromKubeconfig(server.getKubeConfigYaml());
    }

    KubernetesClient admin() {
        return admin;
    }

    /** The admin kubeconfig file, for processes (operator, agents, controller-manager). */
    Path kubeconfig() {
        return kubeconfig;
    }

    Path dir() {
        return dir;
    }

    String url() {
        return config().getMasterUrl();
    }

    /** A new, empty namespace for one test. */
    String namespace(String prefix) {
        String name = prefix + "-" + namespaces.incrementAndGet();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Creates the namespace unless it exists (for objects that name theirs). */
    void ensureNamespace(String name) {
        if (admin.namespaces().withName(name).get() == null) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    /**
     * Starts the kube-controller-manager once (garbage collector, namespace and service-account controllers):
     * owned objects are deleted after their owners only where it runs.
     */
    synchronized void startControllerManager() throws IOException {
        if (controllerManager != null && controllerManager.isAlive()) {
            return;
        }
        Path bin = BINARIES_HOME.resolve("k8s").resolve(VERSION + "-linux-amd64").resolve("kube-controller-manager");
        Assumptions.assumeTrue(Files.isExecutable(bin), () -> "controller-manager tests skipped: no " + bin);
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig, "--authorization-kubeconfig=" + kubeconfig,
                "--controllers=garbagecollector,namespace,serviceaccount,serviceaccount-token",
                "--service-account-private-key-file=" + dir.resolve("apiserver.key"),
                "--root-ca-file=" + dir.resolve("apiserver.crt"),
                "--leader-elect=false", "--bind-address=127.0.0.1", "--secure-port=0",
                "--concurrent-gc-syncs=5", "--v=1"));
        controllerManager = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kube-controller-manager.log").toFile()).start();
    }

    /** The API server's audit log: one JSON event per request made by a ServiceAccount. */
    Path auditLog() {
        return dir.resolve("audit.log");
    }

    Path controllerManagerLog() {
        return dir.resolve("kube-controller-manager.log");
    }

    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.stop();
            instance = null;
            unavailable = "stopped at the end of the test run";
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (controllerManager != null) {
            controllerManager.destroyForcibly();
        }
        server.stop();
        admin.close();
    }

    /** Polls {@code condition} every 100 ms (a real server, not a mock) until true or {@code within} passes. */
    static void await(String what, Duration within, java.util.concurrent.Callable<Boolean> condition,
                      java.util.function.Supplier<String> state) {
        io.sealfleet.agent.AgentHarness.await(what, within, Duration.ofMillis(100), condition, state);
    }

    static void writeString(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
