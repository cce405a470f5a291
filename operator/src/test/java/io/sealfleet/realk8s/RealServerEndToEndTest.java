package io.sealfleet.realk8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.api.ManifestDocument;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.cli.Main;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.SealfleetOperator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on a real API server: the operator, one local agent process per worker pod and the native
 * sealer seal the sectors of {@code examples/demo/} (2 KiB and 8 MiB, with and without deal pieces), and
 * each sector's comm_d and comm_r are the ones {@code sealfleet demo} gets on the in-process mock server,
 * run alongside as the reference. Every status change, recorded from a watch, moves forward only.
 */
class RealServerEndToEndTest {
    private static final Pattern REPORT_LINE = Pattern.compile("^(t0\\d+/\\d+)\\s+\\S+\\s+\\d+\\s+(\\S+)\\s+(\\S+)\\s*$");

    @TempDir
    Path tmp;

    @Test
    void demoSectorsSealOnARealServerWithTheCommitmentsOfTheMockRun() throws Exception {
        RealCluster cluster = RealCluster.get();
        assertThat(RealCluster.SEALER).as("the native sealer (built by the Maven reactor first)").isExecutable();
        Path mockDir = tmp.resolve("mock");
        Process reference = startMockDemo(mockDir);
        try {
            RealCluster.await("the mock demo's payloads", Duration.ofSeconds(60),
                    () -> Files.exists(mockDir.resolve("pieces/deal-8MiB-b.bin")), () -> "none yet");
            String ns = cluster.namespace("demo");
            KubernetesClient client = cluster.admin();
            try (TaskHistory history = new TaskHistory(client, ns);
                 SealfleetOperator operator = SealfleetOperator.create(client, OperatorConfig.defaults().withNamespace(ns)
                         .withTick(Duration.ofMillis(500)).withMetricsPort(null)).start();
                 LocalKubelet kubelet = new LocalKubelet(client, ns, tmp.resolve("real"), cluster.kubeconfig()).start()) {
                for (HasMetadata o : demoObjects(client, mockDir.resolve("pieces"))) {
                    o.getMetadata().setNamespace(ns);
                    client.resource(o).create();
                }
                for (int s = 1; s <= 4; s++) {
                    awaitSucceeded(client, ns, "s" + s + "-c1", Duration.ofMinutes(5));
                }
                Map<String, String> mock = mockReport(reference, mockDir);
                Map<String, String> real = new TreeMap<>();
                for (int s = 1; s <= 4; s++) {
                    SectorTask pc1 = task(client, ns, "s" + s + "-pc1");
                    SectorTask pc2 = task(client, ns, "s" + s + "-pc2");
                    real.put("t01000/" + s, pc1.getStatus().outputs.commD + " " + pc2.getStatus().outputs.commR);
                    assertThat(pc2.getStatus().outputs.commR).as("comm_r of sector " + s).startsWith("bagboea4b5abc");
                }
                assertThat(real).as("comm_d and comm_r per sector, real server vs mock").isEqualTo(mock);

                SectorTask c2 = task(client, ns, "s1-c2");
                assertThat(c2.getStatus().phase).as("Commit2 with no prover").isIn(TaskPhase.Pending, TaskPhase.Waiting);
                assertThat(c2.getStatus().conditions).as("why Commit2 waits")
                        .anyMatch(c -> "Scheduled".equals(c.type) && "False".equals(c.status) && c.message != null
                                && !c.message.isBlank());
                assertThat(history.regressions()).as("phases that went backwards").isEmpty();
                assertThat(history.boundTwice()).as("tasks bound to two workers in one attempt").isEmpty();
                assertThat(history.succeededMoreThanOnce()).as("tasks that succeeded more than once").isEmpty();
                assertThat(history.all().keySet()).as("tasks the watch saw").hasSize(17);
            }
        } finally {
            reference.destroyForcibly();
        }
    }

    /** {@code sealfleet demo} on the in-process mock server, as a user runs it, with its output in {@code dir/out}. */
    private static Process startMockDemo(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo", "--dir", dir.resolve("run").toString(),
                "--examples", RealCluster.REPO.resolve("examples/demo").toString(), "--sealer", RealCluster.SEALER.toString(),
                "--metrics-port", "0", "--timeout", "PT5M"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        // The demo writes its payloads under its own directory; the real run reads the same files.
        Files.createSymbolicLink(dir.resolve("pieces"), dir.resolve("run").resolve("pieces"));
        return p;
    }

    /** comm_d and comm_r per sector from the mock demo's closing report (it must have exited 0). */
    private static Map<String, String> mockReport(Process demo, Path dir) throws Exception {
        assertThat(demo.waitFor(6, TimeUnit.MINUTES)).as("the mock demo finished").isTrue();
        String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        assertThat(demo.exitValue()).as("the mock demo's exit status; its output ends:%n%s",
                out.substring(Math.max(0, out.length() - 3000))).isZero();
        Map<String, String> report = new TreeMap<>();
        for (String line : out.split("\n")) {
            Matcher m = REPORT_LINE.matcher(line);
            if (m.matches()) {
                report.put(m.group(1), m.group(2) + " " + m.group(3));
            }
        }
        assertThat(report).as("sectors in the mock demo's report").hasSize(4);
        return report;
    }

    /** The demo's manifests as typed objects, deal pieces pointing at {@code pieces}. */
    static List<HasMetadata> demoObjects(KubernetesClient client, Path pieces) {
        List<HasMetadata> out = new ArrayList<>();
        for (ManifestDocument d : ManifestDocument.readAll(RealCluster.REPO.resolve("examples/demo"))) {
            ObjectNode o = (ObjectNode) d.object().deepCopy();
            for (JsonNode piece : o.path("spec").path("pieces")) {
                String source = piece.path("source").asText();
                ((ObjectNode) piece).put("source", pieces.resolve(Path.of(source).getFileName()).toString());
            }
            Class<? extends HasMetadata> kind = switch (o.path("kind").asText()) {
                case "SealingWorker" -> SealingWorker.class;
                case "StorageGroup" -> StorageGroup.class;
                default -> SectorTask.class;
            };
            out.add(client.getKubernetesSerialization().convertValue(o, kind));
        }
        return out;
    }

    static SectorTask task(KubernetesClient client, String ns, String name) {
        return client.resources(SectorTask.class).inNamespace(ns).withName(name).get();
    }

    static void awaitSucceeded(KubernetesClient client, String ns, String name, Duration within) {
        RealCluster.await(name + " Succeeded", within, () -> {
            SectorTask t = task(client, ns, name);
            if (t != null && t.getStatus() != null && t.getStatus().phase == TaskPhase.Failed
                    && t.getStatus().conditions.stream().anyMatch(c -> "Succeeded".equals(c.type) && "False".equals(c.status))) {
                throw new AssertionError(name + " failed for good: " + t.getStatus().message);
            }
            return t != null && t.getStatus() != null && t.getStatus().phase == TaskPhase.Succeeded;
        }, () -> {
            SectorTask t = task(client, ns, name);
            return t == null ? "no such task" : t.getStatus() == null ? "no status" : t.getStatus().phase + ": " + t.getStatus().message;
        });
    }
}
