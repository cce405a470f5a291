package io.sealfleet.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.api.Condition;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.Pipelines;
import io.sealfleet.controller.SealfleetOperator;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sealfleet demo}: the whole system on one machine. An in-process Kubernetes API, the
 * operator, one local agent process per SealingWorker and the native kernels seal the sectors of
 * {@code examples/demo/} end to end, while a live {@code sealing workers} view is printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Seals the sectors of examples/demo/ end to end on this machine: an in-process Kubernetes API, "
                + "the operator, a local agent process per SealingWorker and the native sealer. Prints a live "
                + "`sealing workers` view, then each sector's comm_d and comm_r. Exits 0 only if every sector sealed.",
                "While it runs, `kubectl --kubeconfig .demo/kubeconfig get sealing` shows its objects. Ctrl-C or "
                + "SIGTERM stops it and every agent process it started."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--examples", defaultValue = "examples/demo", paramLabel = "DIR", description = "Manifests to apply.")
    Path examples;

    @Option(names = "--dir", defaultValue = ".demo", paramLabel = "DIR", description = "Scratch directory (emptied first).")
    Path dir;

    @Option(names = "--sealer", defaultValue = "native-proofs/build/sealer", paramLabel = "FILE", description = "The sealer binary.")
    Path sealer;

    @Option(names = "--timeout", defaultValue = "PT4M", paramLabel = "DURATION", description = "Give up after (ISO-8601, default PT4M).")
    Duration timeout;

    @Option(names = "--metrics-port", defaultValue = "${env:SEALFLEET_METRICS_PORT:-9464}", paramLabel = "PORT",
            description = "Operator /metrics port; 0 picks a free one (default ${DEFAULT-VALUE}, or $SEALFLEET_METRICS_PORT).")
    int metricsPort;

    /** Held so the settings stick: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    @Override
    public Integer call() throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (!Files.isExecutable(sealer)) {
            throw CliFailure.badInput("no sealer at " + sealer + "; build it with `mvn -DskipTests package` (./sealfleet does) "
                    + "or name it with --sealer");
        }
        List<Manifest> manifests = new ManifestReader().read(List.of(examples));
        Steps steps = Steps.of(manifests);
        checkPortFree(metricsPort);
        clean(dir);
        writePayloads(dir.resolve("pieces"));
        Path kubeconfig = dir.toAbsolutePath().resolve("kubeconfig");
        try (EmbeddedCluster cluster = new EmbeddedCluster()) {
            cluster.writeKubeconfig(kubeconfig);
            KubernetesClient client = cluster.client();
            OperatorConfig config = OperatorConfig.defaults().withTick(Duration.ofMillis(500)).withMetricsPort(metricsPort);
            try (SealfleetOperator operator = startOperator(client, config);
                 LocalWorkerLauncher launcher = new LocalWorkerLauncher(client, dir.toAbsolutePath(), kubeconfig,
                         sealer.toAbsolutePath()).start()) {
                // SIGTERM, unlike Ctrl-C in a terminal, reaches only this process: stop the agents ourselves.
                Thread stopAgents = new Thread(launcher::close, "sealfleet-demo-stop");
                Runtime.getRuntime().addShutdownHook(stopAgents);
                System.out.println("sealfleet demo: Kubernetes API at " + cluster.url() + " (kubeconfig " + kubeconfig + ")");
                System.out.println("sealfleet demo: operator metrics at http://127.0.0.1:" + operator.metricsPort() + "/metrics");
                System.out.println("sealfleet demo: agent logs in " + dir.resolve("agents") + "/");
                List<Sector> sectors = new ArrayList<>();
                boolean sealed = watch(client, steps, sectors);
                System.out.println();
                System.out.println(WorkersView.render(WorkersView.rows(workers(client), tasks(client))));
                report(client, sectors);
                return sealed ? 0 : 1;
            }
        }
    }

    private SealfleetOperator startOperator(KubernetesClient client, OperatorConfig config) {
        try {
            return SealfleetOperator.create(client, config).start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw portTaken(metricsPort);
            }
            throw e;
        }
    }

    /** Fails before anything starts when another process (often another demo) holds the metrics port. */
    static void checkPortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw portTaken(port);
        }
    }

    private static CliFailure portTaken(int port) {
        return CliFailure.badInput("port " + port + " (operator /metrics) is in use, perhaps by another demo; pick another "
                + "with --metrics-port PORT or $SEALFLEET_METRICS_PORT (0 picks a free one)");
    }

    /** Piece paths in the demo manifests are relative to the demo directory, where the payloads are written. */
    private String resolvePiece(String source) {
        if (source.contains("://") || Path.of(source).isAbsolute()) {
            return source;
        }
        return dir.toAbsolutePath().resolve(source).toString();
    }

    private void create(KubernetesClient client, List<Manifest> manifests, List<Sector> sectors) {
        for (Manifest m : manifests) {
            HasMetadata o = m.object();
            o.getMetadata().setResourceVersion(null);
            if (o instanceof SectorTask t && t.getSpec().pieces != null) {
                t.getSpec().pieces.forEach(p -> p.source = resolvePiece(p.source));
            }
            client.resource(o).create();
        }
        sectors.addAll(sectors(manifests));
    }

    /**
     * A pipeline the demo runs: its sector, its first and last task type. It is done when its last
     * task succeeded, or when it stopped at a task that needs a SNARK prover and waits for one.
     */
    private record Sector(String miner, long number, String size, int deals, TaskType first, TaskType last) {
        List<TaskType> types() {
            List<TaskType> out = new ArrayList<>();
            for (TaskType t = first; t != null; t = t == last ? null : Pipelines.next(t)) {
                out.add(t);
            }
            return out;
        }
    }

    private static List<Sector> sectors(List<Manifest> manifests) {
        List<Sector> out = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.object() instanceof SectorTask t && Boolean.TRUE.equals(t.getSpec().pipeline)) {
                TaskType end = t.getSpec().pipelineEnd == null ? Pipelines.last(t.getSpec().type) : t.getSpec().pipelineEnd;
                out.add(new Sector(t.getSpec().miner, t.getSpec().sector, t.getSpec().sectorSize,
                        t.getSpec().deals == null ? 0 : t.getSpec().deals, t.getSpec().type, end));
            }
        }
        return out;
    }

    /**
     * The example's manifests in the order they are applied. Files named with a number first
     * ({@code 1-cc-sector.yaml}, {@code 2-deal-data.yaml}) are steps: each is applied once everything
     * the steps before it started is done, as a provider upgrades a sector only once it is sealed.
     * Other files are applied at the start.
     */
    record Steps(List<Manifest> initial, List<List<Manifest>> later) {
        private static final java.util.regex.Pattern STEP = java.util.regex.Pattern.compile("^\\d+-.*");

        static Steps of(List<Manifest> manifests) {
            List<Manifest> initial = new ArrayList<>();
            TreeMap<String, List<Manifest>> steps = new TreeMap<>(Comparator.comparingInt(Steps::number).thenComparing(f -> f));
            for (Manifest m : manifests) {
                String file = Path.of(m.source().replaceFirst("#\\d+$", "")).getFileName().toString();
                if (STEP.matcher(file).matches()) {
                    steps.computeIfAbsent(file, k -> new ArrayList<>()).add(m);
                } else {
                    initial.add(m);
                }
            }
            return new Steps(initial, new ArrayList<>(steps.values()));
        }

        private static int number(String file) {
            return Integer.parseInt(file.substring(0, file.indexOf('-')));
        }
    }

    private boolean watch(KubernetesClient client, Steps steps, List<Sector> sectors) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        create(client, steps.initial(), sectors);
        int next = 0;
        while (System.nanoTime() < deadline) {
            List<SectorTask> tasks = tasks(client);
            if (next < steps.later().size() && sectors.stream().allMatch(s -> done(tasks, s))
                    && tasks.stream().allMatch(DemoCommand::settled)) {
                create(client, steps.later().get(next++), sectors);
                continue;
            }
            String view = WorkersView.render(WorkersView.rows(workers(client), tasks)) + "\n" + phases(tasks);
            if (!view.equals(last)) {
                System.out.println();
                System.out.println(view);
                last = view;
            }
            if (tasks.stream().anyMatch(DemoCommand::failedForGood)) {
                System.out.println("sealfleet demo: a task failed; see its status and " + dir.resolve("agents") + "/");
                return false;
            }
            if (next == steps.later().size() && sectors.stream().allMatch(s -> done(tasks, s))) {
                return true;
            }
            Thread.sleep(1000);
        }
        System.out.println("sealfleet demo: not every sector sealed within " + timeout);
        return false;
    }

    private static boolean failedForGood(SectorTask t) {
        return t.getStatus() != null && t.getStatus().phase == TaskPhase.Failed && t.getStatus().conditions.stream()
                .anyMatch(c -> "Succeeded".equals(c.type) && "False".equals(c.status));
    }

    private static boolean done(List<SectorTask> tasks, Sector s) {
        SectorTask last = find(tasks, s, s.last());
        if (last != null && last.getStatus().phase == TaskPhase.Succeeded) {
            return true;
        }
        return s.types().stream().filter(TaskType::needsProver).map(t -> find(tasks, s, t))
                .anyMatch(t -> t != null && waitsForProver(t));
    }

    /** Succeeded, or waiting for a SNARK prover that this demo does not have. */
    private static boolean settled(SectorTask t) {
        return t.getStatus() != null && t.getStatus().phase == TaskPhase.Succeeded || waitsForProver(t);
    }

    private static boolean waitsForProver(SectorTask t) {
        return t.getSpec().type.needsProver() && t.getStatus() != null && t.getStatus().phase != null
                && t.getStatus().phase.isQueued() && waitingReason(t) != null;
    }

    private static String waitingReason(SectorTask t) {
        return t.getStatus().conditions.stream().filter(c -> "Scheduled".equals(c.type) && "False".equals(c.status))
                .map((Condition c) -> c.message).findFirst().orElse(null);
    }

    private static SectorTask find(List<SectorTask> tasks, Sector s, TaskType type) {
        for (SectorTask t : tasks) {
            if (t.getSpec().miner.equals(s.miner()) && t.getSpec().sector == s.number() && t.getSpec().type == type
                    && t.getStatus() != null) {
                return t;
            }
        }
        return null;
    }

    private static String phases(List<SectorTask> tasks) {
        Map<String, Integer> counts = new TreeMap<>();
        for (SectorTask t : tasks) {
            String phase = t.getStatus() == null || t.getStatus().phase == null ? "New" : t.getStatus().phase.name();
            counts.merge(t.getSpec().type.shortName() + " " + phase, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder("tasks:");
        counts.forEach((k, v) -> sb.append("  ").append(k).append(" ").append(v));
        return sb.toString();
    }

    private void report(KubernetesClient client, List<Sector> sectors) {
        List<SectorTask> tasks = tasks(client);
        System.out.println("sector        size    deals  comm_d                                                            comm_r");
        for (Sector s : sectors) {
            if (s.first() == TaskType.ReplicaUpdate) {
                continue;
            }
            SectorTask pc1 = find(tasks, s, TaskType.PreCommit1);
            SectorTask pc2 = find(tasks, s, TaskType.PreCommit2);
            String commD = pc1 != null && pc1.getStatus().outputs != null ? pc1.getStatus().outputs.commD : "-";
            String commR = pc2 != null && pc2.getStatus().outputs != null ? pc2.getStatus().outputs.commR : "-";
            System.out.printf("%-13s %-7s %-6d %-65s %s%n", s.miner() + "/" + s.number(), s.size(), s.deals(), commD, commR);
        }
        for (Sector s : sectors) {
            SectorTask ru = s.first() == TaskType.ReplicaUpdate ? find(tasks, s, TaskType.ReplicaUpdate) : null;
            if (ru != null && ru.getStatus().outputs != null) {
                System.out.printf("upgraded %s/%d (%s): comm_r_old %s%n", s.miner(), s.number(), s.size(), ru.getStatus().outputs.commROld);
                System.out.printf("upgraded %s/%d (%s): comm_d_new %s%n", s.miner(), s.number(), s.size(), ru.getStatus().outputs.commDNew);
                System.out.printf("upgraded %s/%d (%s): comm_r_new %s%n", s.miner(), s.number(), s.size(), ru.getStatus().outputs.commRNew);
            }
        }
        for (SectorTask t : tasks) {
            if (t.getStatus() != null && t.getStatus().phase != null && t.getStatus().phase.isQueued()) {
                String why = t.getStatus().conditions.stream().filter(c -> "Scheduled".equals(c.type)).map((Condition c) -> c.message)
                        .findFirst().orElse(t.getStatus().message);
                System.out.println("waiting: " + t.getMetadata().getName() + ": " + why);
            }
        }
    }

    private static List<SectorTask> tasks(KubernetesClient client) {
        List<SectorTask> l = new ArrayList<>(client.resources(SectorTask.class).inNamespace("default").list().getItems());
        l.sort(Comparator.comparing(t -> t.getMetadata().getName()));
        return l;
    }

    private static List<SealingWorker> workers(KubernetesClient client) {
        return client.resources(SealingWorker.class).inNamespace("default").list().getItems();
    }

    /** Deal payloads the demo's AddPiece tasks read, the same bytes every run. */
    static void writePayloads(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(20261121);
        Map<String, Integer> sizes = Map.of("deal-2KiB.bin", 1000, "deal-8MiB-a.bin", 3_000_000, "deal-8MiB-b.bin", 1_500_000);
        for (String name : new TreeMap<>(sizes).keySet()) {
            byte[] b = new byte[sizes.get(name)];
            r.nextBytes(b);
            Files.write(dir.resolve(name), b);
        }
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
