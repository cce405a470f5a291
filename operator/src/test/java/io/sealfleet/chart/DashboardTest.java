package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard is valid JSON with the panels the chart promises; the ConfigMap carries it unchanged. */
class DashboardTest {
    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Files.readString(ChartFixture.chartDir().resolve("dashboards/sealfleet.json")));
    }

    @Test
    void dashboardIsValidJsonWithUniquePanelIdsAndAQueryPerPanel() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("uid").asText()).isEqualTo("sealfleet-overview");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel id %s is unique", p.path("id")).isTrue();
            if (!"row".equals(p.path("type").asText())) {
                assertThat(p.path("targets")).as("panel %s has queries", p.path("title")).isNotEmpty();
                assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        }
    }

    @Test
    void dashboardShowsQueueThroughputDurationsAllocationHeadroomAndFailures() throws IOException {
        List<String> titles = dashboard().path("panels").findValuesAsText("title");
        assertThat(titles).contains("Queue by type and phase", "Sealing throughput", "Task duration (median and p90)",
                "CPU allocated per worker", "Memory allocated per worker", "GPU allocated per worker",
                "WindowPoSt headroom per worker", "Failures, retries and requeues");
        String headroom = dashboard().path("panels").findParents("title").stream()
                .filter(p -> "WindowPoSt headroom per worker".equals(p.path("title").asText())).findFirst().orElseThrow()
                .path("targets").toString();
        assertThat(headroom).contains("sealfleet_worker_windowpost_headroom_cores", "sealfleet_worker_windowpost_reserved_cores");
    }

    @Test
    void configMapHoldsTheDashboardFileUnchanged() throws IOException {
        String data = ChartFixture.render(Map.of()).get("ConfigMap", "sealfleet-dashboard").at("/data/sealfleet.json").asText();
        assertThat(new ObjectMapper().readTree(data)).isEqualTo(dashboard());
    }
}
