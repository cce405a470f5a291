package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** helm lint and helm template of charts/sealfleet: what installs, with which settings. */
class ChartRenderTest {

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("default values", ChartFixture.defaults()),
                Arguments.of("monitoring forced on", ChartFixture.render(Map.of("monitoring.enabled", "true"))),
                Arguments.of("monitoring off", ChartFixture.render(Map.of("monitoring.enabled", "false"))),
                Arguments.of("examples/helm values", ChartFixture.render(
                        ChartFixture.repoRoot().resolve("examples/helm/values.yaml"), Map.of())),
                Arguments.of("one watched namespace, no leader election",
                        ChartFixture.render(Map.of("operator.watchNamespace", "filecoin", "operator.replicas", 1,
                                "operator.leaderElection", false, "agent.namespaces[0]", "filecoin"))));
    }

    @Test
    void lintIsCleanInStrictMode() {
        LintResult lint = new Helm(ChartFixture.chartDir()).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).as("helm lint --strict messages")
                .allSatisfy(m -> assertThat(m).doesNotContainIgnoringCase("[warning]").doesNotContainIgnoringCase("[error]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyRenderedDocumentIsAKubernetesObject(String name, ChartFixture.Rendered r) {
        assertThat(r.objects).isNotEmpty();
        for (ObjectNode o : r.objects) {
            String what = o.path("kind").asText() + " " + o.path("metadata").path("name").asText();
            assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", what).isNotBlank();
            assertThat(o.path("metadata").path("name").asText()).as("name of %s", what)
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            Object parsed = Serialization.unmarshal(o.toString());
            assertThat(parsed).as("%s parses as a Kubernetes object", what).isInstanceOf(HasMetadata.class);
            assertThat(((HasMetadata) parsed).getKind()).isEqualTo(o.path("kind").asText());
            boolean clusterScoped = List.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition")
                    .contains(o.path("kind").asText());
            assertThat(o.path("metadata").has("namespace")).as("%s has a namespace exactly when namespaced", what)
                    .isEqualTo(!clusterScoped);
        }
    }

    @Test
    void defaultInstallHasTheOperatorItsRbacTheAgentsAndTheDashboardButNoMonitoringObjects() {
        assertThat(ChartFixture.defaults().kinds()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Deployment", 1), Map.entry("Service", 1), Map.entry("ServiceAccount", 2),
                Map.entry("ClusterRole", 4), Map.entry("ClusterRoleBinding", 2), Map.entry("Role", 2),
                Map.entry("RoleBinding", 2), Map.entry("Secret", 1), Map.entry("NetworkPolicy", 2),
                Map.entry("ConfigMap", 1)));
    }

    @Test
    void monitoringObjectsRenderWhenForcedOnAndNeverWhenForcedOff() {
        ChartFixture.Rendered on = ChartFixture.render(Map.of("monitoring.enabled", "true",
                "monitoring.serviceMonitor.labels.release", "kube-prometheus-stack",
                "monitoring.prometheusRule.labels.release", "kube-prometheus-stack"));
        assertThat(on.get("ServiceMonitor", "sealfleet-operator").at("/metadata/labels/release").asText())
                .isEqualTo("kube-prometheus-stack");
        assertThat(on.get("PrometheusRule", "sealfleet").at("/metadata/labels/release").asText())
                .isEqualTo("kube-prometheus-stack");
        JsonNode endpoint = on.get("ServiceMonitor", "sealfleet-operator").at("/spec/endpoints/0");
        assertThat(endpoint.path("port").asText()).isEqualTo("metrics");
        assertThat(endpoint.path("honorLabels").asBoolean()).as("keeps the workers' namespace label").isTrue();

        ChartFixture.Rendered off = ChartFixture.render(Map.of("monitoring.enabled", "false"));
        assertThat(off.ofKind("ServiceMonitor")).isEmpty();
        assertThat(off.ofKind("PrometheusRule")).isEmpty();
    }

    @Test
    void autoMonitoringRendersNothingWhereTheClusterLacksTheMonitoringApi() {
        // helm template offers no cluster and helm-java no --api-versions: "auto" sees no monitoring.coreos.com/v1.
        ChartFixture.Rendered auto = ChartFixture.defaults();
        assertThat(auto.ofKind("ServiceMonitor")).isEmpty();
        assertThat(auto.ofKind("PrometheusRule")).isEmpty();
        assertThat(auto.text).doesNotContain("monitoring.coreos.com");
    }

    @Test
    void operatorRunsTwoLeaderElectedReplicasUnderTheRestrictedPodSecurityStandard() {
        Deployment d = Serialization.unmarshal(ChartFixture.defaults().get("Deployment", "sealfleet-operator").toString(),
                Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("sealfleet-operator");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/sealfleet/worker:0.1.0");
        assertThat(c.getArgs()).containsExactly("operator", "--metrics-port=8080", "--tick=5", "--leader-election",
                "--lease-namespace=sealfleet", "--worker-image=ghcr.io/sealfleet/worker:0.1.0",
                "--worker-service-account=sealfleet-worker");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("POD_NAME");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        }).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("POD_NAMESPACE");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        });
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void oneWatchedNamespaceBindsTheOperatorRoleThereOnlyAndPassesTheFlag() {
        ChartFixture.Rendered r = ChartFixture.render(Map.of("operator.watchNamespace", "filecoin", "operator.replicas", 1,
                "operator.leaderElection", false, "agent.namespaces[0]", "filecoin"));
        assertThat(r.get("RoleBinding", "sealfleet-operator").at("/metadata/namespace").asText()).isEqualTo("filecoin");
        assertThat(r.find("ClusterRoleBinding", "sealfleet-operator")).isEmpty();
        assertThat(r.find("Role", "sealfleet-operator-leader-election")).isEmpty();
        JsonNode args = r.get("Deployment", "sealfleet-operator").at("/spec/template/spec/containers/0/args");
        assertThat(args.toString()).contains("\"--namespace=filecoin\"", "\"--no-leader-election\"");
        assertThat(r.get("Role", "sealfleet-worker-agent").at("/metadata/namespace").asText()).isEqualTo("filecoin");
    }

    @Test
    void transferTokenSecretIsGeneratedOnceAndKeptOnUninstall() {
        ObjectNode secret = ChartFixture.defaults().get("Secret", "sealfleet-transfer-token");
        assertThat(secret.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep");
        String token = new String(java.util.Base64.getDecoder().decode(secret.at("/data/token").asText()));
        assertThat(token).matches("[A-Za-z0-9]{32}");
        // helm template's lookup finds no Secret (the tests' API server has none), so it generates; on a
        // cluster, install and upgrade find the existing Secret and keep its token. The template shows the branch.
        assertThat(ChartFixture.chartDir().resolve("templates/agent.yaml")).content()
                .contains("{{- $existing := lookup \"v1\" \"Secret\" $ns $secretName }}")
                .contains("{{- $token = index $existing.data $key }}");
    }

    @Test
    void networkPoliciesLetOnlyAgentsReachTheTransferPortAndOnlyPrometheusReachMetrics() {
        ChartFixture.Rendered r = ChartFixture.defaults();
        JsonNode agents = r.get("NetworkPolicy", "sealfleet-worker-agents").path("spec");
        assertThat(agents.at("/podSelector/matchLabels").toString())
                .isEqualTo("{\"app.kubernetes.io/name\":\"sealfleet-worker\",\"app.kubernetes.io/managed-by\":\"sealfleet\"}");
        assertThat(agents.path("ingress")).hasSize(1);
        assertThat(agents.at("/ingress/0/from/0/podSelector")).isEqualTo(agents.path("podSelector"));
        assertThat(agents.at("/ingress/0/ports").toString()).isEqualTo("[{\"protocol\":\"TCP\",\"port\":7070}]");

        JsonNode operator = r.get("NetworkPolicy", "sealfleet-operator").path("spec");
        assertThat(operator.at("/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                .isEqualTo("prometheus");
        assertThat(operator.at("/ingress/0/ports").toString()).isEqualTo("[{\"protocol\":\"TCP\",\"port\":8080}]");
        assertThat(operator.path("ingress")).hasSize(1);
    }

    @Test
    void dashboardConfigMapCarriesTheGrafanaSidecarLabel() {
        ObjectNode cm = ChartFixture.defaults().get("ConfigMap", "sealfleet-dashboard");
        assertThat(cm.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(cm.at("/data/sealfleet.json").asText()).startsWith("{");
    }
}
