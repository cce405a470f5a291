package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sealfleet.metrics.OperatorMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric the rules and the dashboard query is one the operator exports on /metrics (rendered by
 * the same registry and OperatorMetrics the operator uses), one the rules record, or one of the few
 * well-known series of Prometheus, node_exporter and kube-state-metrics allowed below.
 */
class MetricNamesTest {
    /** Series from outside sealfleet the rules and dashboard may use. */
    static final Set<String> FOREIGN = Set.of("up", "kube_pod_info", "node_cpu_seconds_total");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** The /metrics text of an operator's registry with one worker of each kind (with and without WindowPoSt). */
    static String exportedText() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OperatorMetrics metrics = new OperatorMetrics(registry);
        metrics.update(Map.of(), Map.of(), List.of(
                new OperatorMetrics.WorkerSample("filecoin", "cpu-box", 8, 32, 64e9, 512e9, 0, 0, 8),
                new OperatorMetrics.WorkerSample("filecoin", "gpu-box", 6, 32, 64e9, 256e9, 1, 1, null)));
        return registry.scrape();
    }

    static Set<String> exportedNames() {
        Set<String> names = new TreeSet<>();
        for (String line : exportedText().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = NAME.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or strings. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")   // string literals
                .replaceAll("\\{[^}]*}", " ")                               // label matchers
                .replaceAll("\\[[^]]*]", " ")                               // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");                                // Grafana variables
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            String name = m.group();
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean function = after < s.length() && s.charAt(after) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                out.add(name);
            }
        }
        return out;
    }

    static List<String> dashboardQueries() throws IOException {
        JsonNode d = new ObjectMapper().readTree(Files.readString(ChartFixture.chartDir().resolve("dashboards/sealfleet.json")));
        List<String> q = new ArrayList<>();
        d.findValues("expr").forEach(e -> q.add(e.asText()));
        for (JsonNode v : d.at("/templating/list")) {
            if (v.has("definition")) {
                q.add(v.path("definition").asText().replaceAll("label_values\\((\\w+),.*\\)", "$1"));
            }
        }
        return q;
    }

    @Test
    void extractorFindsMetricsAndSkipsFunctionsLabelsAndStrings() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(a_bucket{le=\"1\"}[5m]))) > 2 and on (x) b:c"))
                .containsExactly("a_bucket", "b:c");
        assertThat(metricNames("label_replace(kube_pod_info{pod=~\"x-.+\"}, \"worker\", \"$1\", \"pod\", \"x-(.+)\")"))
                .containsExactly("kube_pod_info");
    }

    @Test
    void everyMetricTheRulesQueryIsExportedRecordedOrAllowListed() {
        Set<String> exported = exportedNames();
        assertThat(exported).contains("sealfleet_worker_windowpost_headroom_cores", "sealfleet_tasks",
                "sealfleet_scheduling_pass_duration_seconds_bucket");
        Set<String> recorded = new TreeSet<>();
        PrometheusRulesTest.rules("record").forEach(r -> recorded.add(r.path("record").asText()));
        List<JsonNode> all = new ArrayList<>(PrometheusRulesTest.rules("record"));
        all.addAll(PrometheusRulesTest.rules("alert"));
        for (JsonNode rule : all) {
            String expr = rule.path("expr").asText();
            for (String name : metricNames(expr)) {
                assertThat(exported.contains(name) || recorded.contains(name) || FOREIGN.contains(name))
                        .as("rule %s uses '%s', which the operator does not export (see docs/operator.md, Metrics)",
                                rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText(), name)
                        .isTrue();
            }
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedOrRecorded() throws IOException {
        Set<String> exported = exportedNames();
        Set<String> recorded = new TreeSet<>();
        PrometheusRulesTest.rules("record").forEach(r -> recorded.add(r.path("record").asText()));
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(15);
        for (String q : queries) {
            Set<String> names = metricNames(q);
            assertThat(names).as("query uses a metric: %s", q).isNotEmpty();
            for (String name : names) {
                assertThat(exported.contains(name) || recorded.contains(name) || FOREIGN.contains(name))
                        .as("dashboard query '%s' uses '%s', which is not exported", q, name).isTrue();
            }
        }
    }
}
