package io.sealfleet.realk8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.chart.ChartFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart's identities on the real server: its ServiceAccounts, (Cluster)Roles and bindings, rendered by
 * real Helm and applied as they are, and kubeconfigs holding tokens of those ServiceAccounts (TokenRequest),
 * so the operator and the agents run with exactly the permissions the chart grants.
 */
final class ChartIdentities {
    static final String RELEASE_NAMESPACE = ChartFixture.NAMESPACE;
    static final String OPERATOR_SA = "sealfleet-operator";
    static final String AGENT_SA = "sealfleet-worker";
    private static final Set<String> APPLIED = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
            "Secret");

    private ChartIdentities() {
    }

    /** Renders the chart for {@code workerNamespace} (watched alone) and applies its RBAC objects; returns the render. */
    static ChartFixture.Rendered apply(RealCluster cluster, String workerNamespace, Map<String, Object> moreValues) {
        Map<String, Object> values = new java.util.HashMap<>(moreValues);
        values.put("agent.namespaces[0]", workerNamespace);
        values.put("operator.watchNamespace", workerNamespace);
        ChartFixture.Rendered r = ChartFixture.render(values);
        cluster.ensureNamespace(RELEASE_NAMESPACE);
        KubernetesClient admin = cluster.admin();
        for (ObjectNode o : r.objects) {
            if (APPLIED.contains(o.path("kind").asText())) {
                GenericKubernetesResource g = admin.getKubernetesSerialization().convertValue(o, GenericKubernetesResource.class);
                if (g.getMetadata().getNamespace() == null && !o.path("kind").asText().startsWith("Cluster")) {
                    g.getMetadata().setNamespace(RELEASE_NAMESPACE);
                }
                admin.resource(g).forceConflicts().serverSideApply();
            }
        }
        return r;
    }

    /** The operator container's arguments as the chart renders them. */
    static List<String> operatorArgs(ChartFixture.Rendered r) {
        ObjectNode d = r.ofKind("Deployment").get(0);
        List<String> args = new java.util.ArrayList<>();
        d.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
        return args.subList(1, args.size());
    }

    /** A kubeconfig file for the ServiceAccount, with a fresh token from the TokenRequest API. */
    static Path kubeconfig(RealCluster cluster, String namespace, String serviceAccount, Path file) {
        TokenRequest request = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build();
        TokenRequest token = cluster.admin().serviceAccounts().inNamespace(namespace).withName(serviceAccount).tokenRequest(request);
        Config admin = cluster.config();
        RealCluster.writeString(file, String.join("\n", "apiVersion: v1", "kind: Config",
                "clusters: [{name: real, cluster: {server: '" + admin.getMasterUrl() + "', certificate-authority: '"
                        + cluster.dir().resolve("apiserver.crt") + "'}}]",
                "users: [{name: " + serviceAccount + ", user: {token: " + token.getStatus().getToken() + "}}]",
                "contexts: [{name: real, context: {cluster: real, user: " + serviceAccount + ", namespace: " + namespace + "}}]",
                "current-context: real", ""));
        return file;
    }

    static String user(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }
}
