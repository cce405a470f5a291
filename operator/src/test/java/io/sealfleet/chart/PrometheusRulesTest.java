package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerting and recording rules the chart ships, checked by Prometheus's own promtool: syntax
 * ({@code promtool check rules}) and behaviour ({@code promtool test rules} with
 * charts/sealfleet/tests/rules-test.yaml). The rules are rendered from the chart by Helm, so what is tested
 * is what installs. promtool comes from Debian's prometheus package (.ci/run installs it); under CI
 * (CI=true) a missing promtool fails the test, on a developer machine it skips it with the fix.
 */
class PrometheusRulesTest {
    static final Path WORK = Path.of("target", "promtool").toAbsolutePath();
    static final String RULES_FILE = "sealfleet-rules.yaml";

    /** The PrometheusRule the chart renders with default values (monitoring forced on). */
    static JsonNode renderedRule() {
        return ChartFixture.render(Map.of("monitoring.enabled", "true")).get("PrometheusRule", "sealfleet");
    }

    static List<JsonNode> rules(String key) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode g : renderedRule().at("/spec/groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.has(key)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @BeforeAll
    static void writeRenderedRules() throws IOException {
        Files.createDirectories(WORK);
        JsonNode groups = renderedRule().path("spec");
        new ObjectMapper(new YAMLFactory()).writeValue(WORK.resolve(RULES_FILE).toFile(), groups);
        Files.copy(ChartFixture.chartDir().resolve("tests/rules-test.yaml"), WORK.resolve("rules-test.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Path promtool() {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> java.util.Arrays.stream(p.split(File.pathSeparator)))
                .map(d -> Path.of(d, "promtool")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String fix = "promtool is not installed: apt-get install prometheus (Debian/Ubuntu; .ci/run does this in CI)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(fix);
            }
            Assumptions.abort(fix);
        }
        return found.get();
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(promtool().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(WORK.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }

    @Test
    void promtoolCheckRulesAcceptsTheRenderedRules() throws Exception {
        String out = run("check", "rules", RULES_FILE);
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void promtoolRuleUnitTestsPass() throws Exception {
        run("test", "rules", "rules-test.yaml");
    }

    @Test
    void everyAlertFollowsTheConventionsAndHasAUnitTestAndARunbook() throws IOException {
        String unitTests = Files.readString(ChartFixture.chartDir().resolve("tests/rules-test.yaml"));
        List<String> names = new ArrayList<>();
        for (JsonNode alert : rules("alert")) {
            String name = alert.path("alert").asText();
            names.add(name);
            assertThat(name).as("CamelCase alert name").matches("Sealfleet([A-Z][a-z0-9]*)+");
            assertThat(alert.path("for").asText()).as("%s for:", name).matches("[0-9]+[smh]");
            assertThat(alert.at("/labels/severity").asText()).as("%s severity", name).isIn("critical", "warning", "info");
            for (String a : List.of("summary", "description", "runbook_url")) {
                assertThat(alert.at("/annotations/" + a).asText()).as("%s annotation %s", name, a).isNotBlank();
            }
            assertThat(alert.at("/annotations/runbook_url").asText())
                    .isEqualTo("https://github.com/sealfleet/sealfleet/blob/main/charts/sealfleet/runbooks/" + name + ".md");
            assertThat(ChartFixture.chartDir().resolve("runbooks/" + name + ".md")).as("runbook of %s", name).isRegularFile();
            assertThat(unitTests).as("rules-test.yaml tests %s", name).contains("alertname: " + name);
        }
        assertThat(names).containsExactlyInAnyOrder("SealfleetWindowPostCpuHeadroomLow", "SealfleetWorkerLost",
                "SealfleetTasksWaitingTooLong", "SealfleetTaskFailuresHigh", "SealfleetOperatorDown",
                "SealfleetSchedulerSlow");
    }

    @Test
    void headroomAlertWaitsTheConfiguredTimeAndLeavesOutNodeExporterWhenTurnedOff() {
        JsonNode rule = ChartFixture.render(Map.of("monitoring.enabled", "true",
                "monitoring.alerts.windowPostCpuHeadroomLow.for", "20m", "monitoring.nodeExporter.enabled", false))
                .get("PrometheusRule", "sealfleet");
        assertThat(rule.toString()).doesNotContain("node_cpu_seconds_total").doesNotContain("kube_pod_info");
        for (JsonNode g : rule.at("/spec/groups")) {
            for (JsonNode r : g.path("rules")) {
                if ("SealfleetWindowPostCpuHeadroomLow".equals(r.path("alert").asText())) {
                    assertThat(r.path("for").asText()).isEqualTo("20m");
                }
            }
        }
    }
}
