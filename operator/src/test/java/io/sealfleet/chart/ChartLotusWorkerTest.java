package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart deploys the lotus-worker bridge when asked, with MINER_API_INFO from a Secret. */
class ChartLotusWorkerTest {
    static final Map<String, Object> ON = Map.of("lotusWorker.enabled", true, "lotusWorker.minerApiInfo.secretName", "lotus-miner-api",
            "lotusWorker.workerName", "fleet-a");

    @Test
    void theBridgeIsOffByDefault() {
        assertThat(ChartFixture.defaults().objects).noneMatch(o -> o.path("metadata").path("name").asText().contains("lotus-worker"));
    }

    @Test
    void theBridgeRunsLotusWorkerWithMinerApiInfoFromTheSecretAndTheTransferToken() {
        ChartFixture.Rendered r = ChartFixture.render(ON);
        ObjectNode d = r.get("Deployment", "sealfleet-lotus-worker");
        assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(d.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(texts(c.path("args"))).contains("lotus-worker", "--namespace=sealfleet", "--name=fleet-a", "--listen=0.0.0.0:3456");
        JsonNode api = env(c, "MINER_API_INFO").path("valueFrom").path("secretKeyRef");
        assertThat(api.path("name").asText()).isEqualTo("lotus-miner-api");
        assertThat(api.path("key").asText()).isEqualTo("MINER_API_INFO");
        assertThat(env(c, "SEALFLEET_TRANSFER_TOKEN").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("sealfleet-transfer-token");
        assertThat(env(c, "POD_IP").path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("status.podIP");
        assertThat(d.path("spec").path("template").path("spec").path("serviceAccountName").asText()).isEqualTo("sealfleet-lotus-worker");
    }

    @Test
    void itsRoleCreatesSectorTasksAndReadsWorkersAndItMayReachTheAgentsTransferPort() {
        ChartFixture.Rendered r = ChartFixture.render(ON);
        ObjectNode role = r.get("Role", "sealfleet-lotus-worker");
        assertThat(role.path("rules").toString()).contains("sectortasks").contains("create").contains("sealingworkers");
        ObjectNode np = r.get("NetworkPolicy", "sealfleet-lotus-worker-to-agents");
        assertThat(np.path("spec").path("ingress").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(7070);
    }

    @Test
    void enablingItWithoutTheSecretFailsNamingTheValueAndHowToMakeIt() {
        String err = ChartFixture.renderError(Map.of("lotusWorker.enabled", true));
        assertThat(err).contains("lotusWorker.minerApiInfo.secretName").contains("lotus-miner auth api-info --perm admin");
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("env"));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
