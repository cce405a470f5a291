package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.table.TaskType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's embedded API answers what kubectl asks before and while it prints: discovery with short
 * names and the "sealing" category, and server-side Tables built from the CRDs' printer columns.
 */
class KubectlDiscoveryTest {
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new EmbeddedCluster();
        for (String name : List.of("s2-pc1", "s1-pc1")) {
            SectorTask t = new SectorTask();
            t.getMetadata().setName(name);
            t.getMetadata().setNamespace("default");
            t.setSpec(new SectorTaskSpec());
            t.getSpec().miner = "t01000";
            t.getSpec().sector = name.startsWith("s1") ? 1L : 2L;
            t.getSpec().sectorSize = "2KiB";
            t.getSpec().type = TaskType.PreCommit1;
            cluster.client().resource(t).create();
        }
        SectorTask running = cluster.client().resources(SectorTask.class).inNamespace("default").withName("s1-pc1").get();
        running.setStatus(new SectorTaskStatus());
        running.getStatus().phase = TaskPhase.Waiting;
        running.getStatus().reason = "InsufficientMemory";
        cluster.client().resource(running).updateStatus();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static JsonNode get(String path, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(cluster.url().replaceAll("/$", "") + path));
        if (accept != null) {
            r.header("Accept", accept);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void apisListsTheSealingGroup() throws Exception {
        JsonNode groups = get("/apis", null);
        assertThat(groups.get("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.get("groups").get(0).get("name").asText()).isEqualTo("sealing.sealfleet.io");
        assertThat(groups.get("groups").get(0).get("preferredVersion").get("version").asText()).isEqualTo("v1alpha1");
        assertThat(get("/api", null).get("versions").get(0).asText()).isEqualTo("v1");
    }

    @Test
    void resourceListCarriesShortNamesCategoriesAndVerbs() throws Exception {
        JsonNode list = get("/apis/sealing.sealfleet.io/v1alpha1", null);
        JsonNode st = null;
        for (JsonNode r : list.get("resources")) {
            if (r.get("name").asText().equals("sectortasks")) {
                st = r;
            }
        }
        assertThat(st).isNotNull();
        assertThat(st.get("shortNames").get(0).asText()).isEqualTo("st");
        assertThat(st.get("categories").get(0).asText()).isEqualTo("sealing");
        assertThat(st.get("singularName").asText()).isEqualTo("sectortask");
        assertThat(st.get("verbs").toString()).contains("list").contains("get").contains("watch");
    }

    @Test
    void tableHasTheCrdColumnsInOrderAndRowsByName() throws Exception {
        JsonNode table = get("/apis/sealing.sealfleet.io/v1alpha1/namespaces/default/sectortasks", TABLE);
        assertThat(table.get("kind").asText()).isEqualTo("Table");
        List<String> columns = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> {
            if (c.get("priority").asInt() == 0) {
                columns.add(c.get("name").asText());
            }
        });
        assertThat(columns).containsExactly("Name", "Type", "Sector", "Miner", "Phase", "Worker", "Reason", "Age");
        JsonNode first = table.get("rows").get(0).get("cells");
        assertThat(first.get(0).asText()).isEqualTo("s1-pc1");
        assertThat(first.get(1).asText()).isEqualTo("PreCommit1");
        assertThat(first.get(2).asInt()).isEqualTo(1);
        assertThat(first.get(3).asText()).isEqualTo("t01000");
        assertThat(first.get(4).asText()).isEqualTo("Waiting");
        assertThat(first.get(5).isNull()).as("no worker yet").isTrue();
        assertThat(first.get(6).asText()).isEqualTo("InsufficientMemory");
        assertThat(first.get(7).asText()).matches("\\d+[smhd]");
        assertThat(table.get("rows").get(1).get("cells").get(0).asText()).isEqualTo("s2-pc1");
        assertThat(table.get("rows").get(0).get("object").get("metadata").get("namespace").asText()).isEqualTo("default");
    }

    @Test
    void withoutTheTableHeaderTheStoredListIsServedAsBefore() throws Exception {
        JsonNode list = get("/apis/sealing.sealfleet.io/v1alpha1/namespaces/default/sectortasks", null);
        assertThat(list.get("items")).hasSize(2);
    }

    /** Where kubectl is installed (Debian's kubernetes-client), the real client resolves and prints them too. */
    @Test
    void realKubectlResolvesShortNamesAndTheCategory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/kubectl")),
                "kubectl is not installed");
        java.nio.file.Path kubeconfig = dir.resolve("kubeconfig");
        cluster.writeKubeconfig(kubeconfig);
        assertThat(kubectl(kubeconfig, "get", "st")).startsWith("NAME").contains("TYPE").contains("REASON")
                .containsPattern("s1-pc1\\s+PreCommit1\\s+1\\s+t01000\\s+Waiting\\s+InsufficientMemory");
        assertThat(kubectl(kubeconfig, "get", "sealing")).contains("sectortask.sealing.sealfleet.io/s1-pc1");
    }

    private static String kubectl(java.nio.file.Path kubeconfig, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
