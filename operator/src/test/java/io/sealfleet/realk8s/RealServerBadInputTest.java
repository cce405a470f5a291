package io.sealfleet.realk8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sealfleet.api.ManifestDocument;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.SealfleetOperator;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the CRD schema cannot say, the operator says on the real server: each object of the
 * {@code invalid-beyond-crd} fixtures is admitted by the server and then gets Valid=False naming its field;
 * and a worker whose pod would run as a ServiceAccount its namespace lacks gets an event that says which
 * account and how to fix it, no pod, and its pod as soon as the account exists.
 */
class RealServerBadInputTest {
    private static final String EXPECTED_FIELD = "test.sealfleet.io/expected-field";

    @Test
    void everyObjectTheSchemaAdmitsButTheOperatorRefusesGetsValidFalseNamingTheField() throws Exception {
        RealCluster cluster = RealCluster.get();
        String ns = cluster.namespace("beyond-crd");
        KubernetesClient client = cluster.admin();
        List<ManifestDocument> docs = ManifestDocument.readAll(resource("api/invalid-beyond-crd"));
        assertThat(docs).hasSizeGreaterThanOrEqualTo(5);
        try (SealfleetOperator operator = SealfleetOperator.create(client, OperatorConfig.defaults().withNamespace(ns)
                .withTick(Duration.ofMillis(500)).withMetricsPort(null)).start()) {
            for (ManifestDocument d : docs) {
                ObjectNode o = (ObjectNode) d.object().deepCopy();
                ServerAnswer answer = ServerAnswer.dryRunCreate(client, o, ns);
                assertThat(answer.accepted()).as("%s admitted by the schema: %s", d.file().getFileName(), answer.message()).isTrue();
                client.genericKubernetesResources(context(o)).inNamespace(ns)
                        .resource(client.getKubernetesSerialization().convertValue(o, GenericKubernetesResource.class)).create();
            }
            for (ManifestDocument d : docs) {
                JsonNode o = d.object();
                String name = o.path("metadata").path("name").asText();
                String field = o.path("metadata").path("annotations").path(EXPECTED_FIELD).asText();
                RealCluster.await(d.file().getFileName() + " Valid=False naming " + field, Duration.ofSeconds(30),
                        () -> validFalse(client, o, ns).contains(field), () -> validFalse(client, o, ns));
            }
        }
    }

    @Test
    void aWorkerWhosePodsServiceAccountIsMissingIsToldWhichAndGetsItsPodOnceItExists() {
        RealCluster cluster = RealCluster.get();
        String ns = cluster.namespace("no-account");
        KubernetesClient client = cluster.admin();
        try (SealfleetOperator operator = SealfleetOperator.create(client, OperatorConfig.defaults().withNamespace(ns)
                .withWorkerServiceAccount("sealfleet-worker").withTick(Duration.ofMillis(500)).withMetricsPort(null)).start()) {
            SealingWorker w = client.getKubernetesSerialization().unmarshal("""
                    apiVersion: sealing.sealfleet.io/v1alpha1
                    kind: SealingWorker
                    metadata: {name: box}
                    spec:
                      resources: {cpu: 2, memory: 4Gi}
                      storage: [{id: scratch, hostPath: /srv/scratch, canSeal: true}]
                    """, SealingWorker.class);
            w.getMetadata().setNamespace(ns);
            client.resource(w).create();
            RealCluster.await("event ServiceAccountMissing", Duration.ofSeconds(30), () -> !events(client, ns).isEmpty(), () -> "none");
            assertThat(events(client, ns).get(0).getNote()).contains("ServiceAccount sealfleet-worker", "namespace " + ns,
                    "agent.namespaces");
            assertThat(client.pods().inNamespace(ns).list().getItems()).as("pods without their ServiceAccount").isEmpty();

            client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName("sealfleet-worker").endMetadata().build()).create();
            RealCluster.await("the worker pod", Duration.ofSeconds(30), () -> !client.pods().inNamespace(ns).list().getItems().isEmpty(),
                    () -> "no pod");
            assertThat(client.pods().inNamespace(ns).list().getItems().get(0).getSpec().getServiceAccountName())
                    .isEqualTo("sealfleet-worker");
        }
    }

    private static List<Event> events(KubernetesClient client, String ns) {
        return client.events().v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "ServiceAccountMissing".equals(e.getReason())).toList();
    }

    @SuppressWarnings("unchecked")
    private static String validFalse(KubernetesClient client, JsonNode o, String ns) {
        GenericKubernetesResource g = client.genericKubernetesResources(context(o)).inNamespace(ns)
                .withName(o.path("metadata").path("name").asText()).get();
        Map<String, Object> status = g == null ? null : (Map<String, Object>) g.getAdditionalProperties().get("status");
        if (status == null || status.get("conditions") == null) {
            return "no conditions";
        }
        for (Map<String, Object> c : (List<Map<String, Object>>) status.get("conditions")) {
            if ("Valid".equals(c.get("type")) && "False".equals(c.get("status"))) {
                return String.valueOf(c.get("message"));
            }
        }
        return "not Valid=False: " + status.get("conditions");
    }

    private static ResourceDefinitionContext context(JsonNode o) {
        return ResourceDefinitionContext.fromResourceType("SealingWorker".equals(o.path("kind").asText()) ? SealingWorker.class
                : SectorTask.class);
    }

    private static Path resource(String name) {
        try {
            return Path.of(RealServerBadInputTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
