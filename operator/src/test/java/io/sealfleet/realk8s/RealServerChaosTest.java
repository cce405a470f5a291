package io.sealfleet.realk8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos on a real API server: 50 sectors of 2 KiB, each a pipeline AddPiece → PreCommit1 → PreCommit2 →
 * Commit1 (200 tasks) on the demo's two workers, while the operator process is SIGKILLed at random
 * moments and restarted, and one agent is SIGKILLed while its PreCommit1 kernel runs and restarted. A
 * watch records every stored status. Every task must end Succeeded exactly once, none bound to two
 * workers in one attempt, no phase going back within an attempt. The figures are printed.
 */
class RealServerChaosTest {
    private static final int SECTORS = 50;
    private static final int MIN_OPERATOR_KILLS = 10;
    private static final long SEED = 20261206L;

    @TempDir
    Path tmp;

    @Test
    void operatorKilledTenTimesAndAnAgentKilledMidPreCommit1LoseNoTaskAndRunNoneTwice() throws Exception {
        RealCluster cluster = RealCluster.get();
        String ns = cluster.namespace("chaos");
        KubernetesClient client = cluster.admin();
        Random random = new Random(SEED);
        List<String> args = List.of("--kubeconfig", cluster.kubeconfig().toString(), "--no-leader-election", "--namespace", ns,
                "--metrics-port=0", "--tick=1");
        AtomicInteger operatorKills = new AtomicInteger();
        AtomicReference<String> agentKill = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        long t0 = System.nanoTime();
        try (TaskHistory history = new TaskHistory(client, ns);
             LocalKubelet kubelet = new LocalKubelet(client, ns, tmp, cluster.kubeconfig()).start()) {
            OperatorProcess[] operator = {new OperatorProcess(args, tmp.resolve("operator.log")).start()};
            int[] logStart = {0};
            for (HasMetadata o : RealServerEndToEndTest.demoObjects(client, tmp)) {
                if (!(o instanceof SectorTask)) {
                    o.getMetadata().setNamespace(ns);
                    client.resource(o).create();
                }
            }
            for (int s = 1; s <= SECTORS; s++) {
                client.resource(sector(ns, s, random)).create();
            }
            Thread chaos = new Thread(() -> {
                Random r = new Random(SEED + 1);
                while (!done.get()) {
                    // A random moment within 4 s after its first scheduling pass: every incarnation gets to act,
                    // however long the JVM took to start and to pass on a busy machine.
                    firstPass(operator[0], logStart[0]);
                    sleep(300 + r.nextInt(3700));
                    if (done.get()) {
                        break;
                    }
                    operator[0].kill();
                    operatorKills.incrementAndGet();
                    sleep(r.nextInt(1000));
                    logStart[0] = operator[0].log().length();
                    operator[0] = new OperatorProcess(args, tmp.resolve("operator.log")).start();
                }
            }, "chaos-operator-killer");
            Thread agentKiller = new Thread(() -> {
                while (!done.get() && agentKill.get() == null) {
                    for (ProcessHandle p : kubelet.processes("pc1-worker")) {
                        List<String> a = List.of(p.info().arguments().orElse(new String[0]));
                        if (a.size() > 0 && a.get(0).equals("pc1") && p.isAlive()) {
                            kubelet.kill("pc1-worker");
                            agentKill.set("pc1-worker during `sealer " + String.join(" ", a.subList(0, Math.min(a.size(), 7))) + "`");
                            sleep(1000);
                            kubelet.restart("pc1-worker");
                            return;
                        }
                    }
                    sleep(5);
                }
            }, "chaos-agent-killer");
            chaos.start();
            agentKiller.start();
            AssertionError unfinished = null;
            try {
                RealCluster.await("all " + 4 * SECTORS + " tasks Succeeded", Duration.ofMinutes(15),
                        () -> succeeded(client, ns) == 4 * SECTORS, () -> phases(client, ns) + "; operator kills " + operatorKills);
            } catch (AssertionError e) {
                unfinished = e;
            } finally {
                done.set(true);
                chaos.join();
                agentKiller.join();
                operator[0].close();
            }
            List<SectorTask> tasks = client.resources(SectorTask.class).inNamespace(ns).list().getItems();
            Map<String, Long> perSectorAndType = new TreeMap<>();
            tasks.forEach(t -> perSectorAndType.merge(t.getSpec().sector + "/" + t.getSpec().type, 1L, Long::sum));
            long lost = 4L * SECTORS - tasks.stream().filter(t -> t.getStatus() != null && t.getStatus().phase == TaskPhase.Succeeded)
                    .count();
            Map<String, String> twice = history.succeededMoreThanOnce();
            long duplicated = twice.size() + perSectorAndType.values().stream().filter(n -> n > 1).count();
            Map<String, String> regressions = history.regressions();
            Map<String, String> boundTwice = history.boundTwice();
            System.out.printf("chaos: operator kills=%d, agent kills=%d (%s), tasks=%d, lost=%d, duplicated=%d, regressions=%d, "
                            + "bound twice=%d, wall=%.0f s%n", operatorKills.get(), agentKill.get() == null ? 0 : 1, agentKill.get(),
                    tasks.size(), lost, duplicated, regressions.size(), boundTwice.size(), (System.nanoTime() - t0) / 1e9);
            if (unfinished != null) {
                throw unfinished;
            }
            assertThat(operatorKills.get()).as("operator kills while the pipeline ran").isGreaterThanOrEqualTo(MIN_OPERATOR_KILLS);
            assertThat(agentKill.get()).as("an agent killed mid-PreCommit1").isNotNull();
            assertThat(tasks).as("tasks").hasSize(4 * SECTORS);
            assertThat(lost).as("tasks not Succeeded").isZero();
            assertThat(twice).as("tasks that succeeded more than once").isEmpty();
            assertThat(perSectorAndType).as("tasks per sector and type").allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
            assertThat(boundTwice).as("tasks bound to two workers in one attempt").isEmpty();
            assertThat(regressions).as("phases that went backwards within an attempt").isEmpty();
            assertThat(history.messagesEndingInNull()).as("status messages ending in null").isEmpty();
        }
    }

    private static final Pattern METRICS_PORT = Pattern.compile("sealfleet operator: running; metrics on :(\\d+)");

    /** Waits until the operator has completed a scheduling pass (its /metrics counts one). */
    private static void firstPass(OperatorProcess operator, int logStart) {
        if (!operator.awaitLog("sealfleet operator: running", logStart, Duration.ofSeconds(180))) {
            return;
        }
        Matcher m = METRICS_PORT.matcher(operator.log().substring(logStart));
        if (!m.find()) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && operator.alive()) {
            try {
                String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher count = PASSES.matcher(body);
                if (count.find() && Double.parseDouble(count.group(1)) >= 1) {
                    return;
                }
            } catch (java.io.IOException e) {
                // Not serving yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(100);
        }
    }

    private static final Pattern PASSES = Pattern.compile("(?m)^sealfleet_scheduling_pass_duration_seconds_count(?:\\{[^}]*})? (\\S+)$");

    private static SectorTask sector(String ns, int number, Random random) {
        SectorTask t = new SectorTask();
        t.getMetadata().setName("s" + number + "-ap");
        t.getMetadata().setNamespace(ns);
        io.sealfleet.api.SectorTaskSpec spec = new io.sealfleet.api.SectorTaskSpec();
        spec.miner = "t01000";
        spec.sector = (long) number;
        spec.sectorSize = "2KiB";
        spec.type = io.sealfleet.table.TaskType.AddPiece;
        spec.pipeline = true;
        spec.pipelineEnd = io.sealfleet.table.TaskType.Commit1;
        spec.ticket = hex(random);
        spec.seed = hex(random);
        t.setSpec(spec);
        return t;
    }

    private static String hex(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static long succeeded(KubernetesClient client, String ns) {
        return client.resources(SectorTask.class).inNamespace(ns).list().getItems().stream()
                .filter(t -> t.getStatus() != null && t.getStatus().phase == TaskPhase.Succeeded).count();
    }

    private static String phases(KubernetesClient client, String ns) {
        Map<String, Integer> n = new TreeMap<>();
        client.resources(SectorTask.class).inNamespace(ns).list().getItems().forEach(t -> n.merge(t.getSpec().type + " "
                + (t.getStatus() == null ? "New" : t.getStatus().phase), 1, Integer::sum));
        client.resources(SealingWorker.class).inNamespace(ns).list().getItems().forEach(w -> n.merge("worker " + w.getMetadata().getName()
                + " " + (w.getStatus() == null ? "-" : w.getStatus().phase), 1, Integer::sum));
        return n.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
