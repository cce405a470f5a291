package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** values.schema.json turns a wrong value into an install error that names the key, before anything renders. */
class ChartValuesSchemaTest {

    @Test
    void wrongTypeIsRejectedNamingTheKeyAndTheExpectedType() {
        String error = ChartFixture.renderError(Map.of("operator.replicas", "two"));
        assertThat(error).contains("values don't meet the specifications of the schema")
                .contains("operator").contains("replicas").containsIgnoringCase("integer");
    }

    @Test
    void misspelledKeyIsRejectedNamingIt(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, "operator:\n  replica: 3\n");
        String error = ChartFixture.renderErrorWithValues(values);
        assertThat(error).contains("values don't meet the specifications of the schema").contains("replica")
                .containsIgnoringCase("additional");
    }

    @Test
    void monitoringModeAcceptsOnlyAutoTrueOrFalse() {
        assertThat(ChartFixture.renderError(Map.of("monitoring.enabled", "sometimes")))
                .contains("monitoring").contains("enabled");
        assertThat(ChartFixture.render(Map.of("monitoring.enabled", "true")).ofKind("PrometheusRule")).hasSize(1);
    }

    @Test
    void alertDurationsMustBePrometheusDurations() {
        assertThat(ChartFixture.renderError(Map.of("monitoring.alerts.windowPostCpuHeadroomLow.for", "ten minutes")))
                .contains("windowPostCpuHeadroomLow").contains("for");
    }

    @Test
    void severityMustBeOneOfTheKnownLevels() {
        assertThat(ChartFixture.renderError(Map.of("monitoring.alerts.workerLost.severity", "page")))
                .contains("workerLost").contains("severity");
    }

    @Test
    void severalReplicasWithoutLeaderElectionAreRefusedWithTheFix() {
        assertThat(ChartFixture.renderError(Map.of("operator.leaderElection", false)))
                .contains("operator.replicas above 1 needs operator.leaderElection: true");
    }
}
