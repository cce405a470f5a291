package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RBAC rules are exactly the documented ones: each list below is the table in charts/sealfleet/README.md
 * (one line per rule), and both must equal what the chart renders. The operator's rules follow the API calls
 * in io.sealfleet.controller (docs/operator.md, "Leader election"); the agents' what an agent does.
 */
class ChartRbacTest {
    static final List<String> OPERATOR_WATCHED_NAMESPACES = List.of(
            "sealing.sealfleet.io | sealingworkers | get, list, watch, patch",
            "sealing.sealfleet.io | sectortasks | get, list, watch, create",
            "sealing.sealfleet.io | storagegroups | get, list, watch",
            "sealing.sealfleet.io | sealingworkers/status, sectortasks/status, storagegroups/status | patch",
            "sealing.sealfleet.io | sealingworkers/finalizers, sectortasks/finalizers | update",
            "core | pods | list, watch, create, delete, patch",
            "core | events | create",
            "core | serviceaccounts | get",
            "core | secrets (sealfleet-transfer-token) | get",
            "core | secrets | create",
            "coordination.k8s.io | leases | list, watch");
    static final List<String> OPERATOR_CLUSTER = List.of(
            "core | nodes | list, watch");
    static final List<String> OPERATOR_LEADER_ELECTION = List.of(
            "coordination.k8s.io | leases | create",
            "coordination.k8s.io | leases (sealfleet-operator) | get, update, patch");
    static final List<String> AGENT = List.of(
            "sealing.sealfleet.io | sectortasks | get, list, watch",
            "sealing.sealfleet.io | sectortasks/status | patch",
            "sealing.sealfleet.io | sealingworkers | get, list, watch",
            "sealing.sealfleet.io | storagegroups | list, watch",
            "sealing.sealfleet.io | sealingworkers/status | patch",
            "coordination.k8s.io | leases | get, create, update");

    /** A rule as one line: group | resources (resourceNames) | verbs. */
    static List<String> rules(JsonNode role) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : role.path("rules")) {
            String group = r.path("apiGroups").get(0).asText();
            StringBuilder line = new StringBuilder(group.isEmpty() ? "core" : group).append(" | ").append(join(r.path("resources")));
            if (r.has("resourceNames")) {
                line.append(" (").append(join(r.path("resourceNames"))).append(")");
            }
            assertThat(r.path("apiGroups")).as("one API group per rule").hasSize(1);
            out.add(line.append(" | ").append(join(r.path("verbs"))).toString());
        }
        return out;
    }

    private static String join(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return String.join(", ", s);
    }

    @Test
    void operatorRulesAreExactlyTheDocumentedOnes() {
        ChartFixture.Rendered r = ChartFixture.defaults();
        assertThat(rules(r.get("ClusterRole", "sealfleet-operator"))).containsExactlyElementsOf(OPERATOR_WATCHED_NAMESPACES);
        assertThat(rules(r.get("ClusterRole", "sealfleet-operator-cluster"))).containsExactlyElementsOf(OPERATOR_CLUSTER);
        assertThat(rules(r.get("Role", "sealfleet-operator-leader-election")))
                .containsExactlyElementsOf(OPERATOR_LEADER_ELECTION);
        assertThat(r.get("ClusterRoleBinding", "sealfleet-operator").at("/subjects/0/name").asText())
                .isEqualTo("sealfleet-operator");
    }

    @Test
    void agentRulesAreExactlyWhatAnAgentNeedsAndNoSecrets() {
        ChartFixture.Rendered r = ChartFixture.render(java.util.Map.of("agent.namespaces[0]", "miners-a",
                "agent.namespaces[1]", "miners-b"));
        List<JsonNode> roles = r.ofKind("Role").stream()
                .filter(o -> o.at("/metadata/name").asText().equals("sealfleet-worker-agent")).map(o -> (JsonNode) o).toList();
        assertThat(roles).extracting(o -> o.at("/metadata/namespace").asText()).containsExactly("miners-a", "miners-b");
        for (JsonNode role : roles) {
            assertThat(rules(role)).containsExactlyElementsOf(AGENT);
        }
        assertThat(r.ofKind("RoleBinding")).filteredOn(o -> o.at("/metadata/name").asText().equals("sealfleet-worker-agent"))
                .allSatisfy(b -> assertThat(b.at("/subjects/0/name").asText()).isEqualTo("sealfleet-worker"));
        for (JsonNode role : roles) {
            assertThat(role.toString()).doesNotContain("secrets");
        }
    }

    @Test
    void aggregatedRolesLetNamespaceViewersGetSealingAndEditorsManageIt() {
        ChartFixture.Rendered r = ChartFixture.defaults();
        JsonNode view = r.get("ClusterRole", "sealfleet-view");
        assertThat(view.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-view").asText()).isEqualTo("true");
        assertThat(rules(view)).containsExactly("sealing.sealfleet.io | sealingworkers, sectortasks, storagegroups, "
                + "sealingworkers/status, sectortasks/status, storagegroups/status | get, list, watch");
        JsonNode edit = r.get("ClusterRole", "sealfleet-edit");
        assertThat(edit.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-edit").asText()).isEqualTo("true");
        assertThat(edit.at("/metadata/labels").has("rbac.authorization.k8s.io/aggregate-to-view")).isFalse();
        assertThat(rules(edit)).containsExactly(
                "sealing.sealfleet.io | sealingworkers, sectortasks, storagegroups | create, update, patch, delete, deletecollection");
    }

    @Test
    void chartReadmeListsEveryRuleOfBothRoles() throws IOException {
        String readme = Files.readString(ChartFixture.chartDir().resolve("README.md"));
        List<String> all = new ArrayList<>();
        all.addAll(OPERATOR_WATCHED_NAMESPACES);
        all.addAll(OPERATOR_CLUSTER);
        all.addAll(OPERATOR_LEADER_ELECTION);
        all.addAll(AGENT);
        for (String rule : all) {
            assertThat(readme).as("charts/sealfleet/README.md lists the rule").contains("| " + rule + " |");
        }
    }
}
