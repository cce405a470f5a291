package io.sealfleet.realk8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.chart.ChartFixture;
import io.sealfleet.controller.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RBAC from the chart alone: the operator (leader election on, as the chart runs it) and the agents run
 * with tokens of the chart's own ServiceAccounts, bound to the chart's own Roles, and seal a sector
 * without a single 403 in the API server's audit log. A refusal is reported by verb and resource.
 */
class RealServerRbacTest {
    @TempDir
    Path tmp;

    @Test
    void operatorAndAgentsWithTheChartsServiceAccountsSealASectorWithoutA403() throws Exception {
        RealCluster cluster = RealCluster.get();
        String ns = cluster.namespace("rbac");
        ChartFixture.Rendered chart = ChartIdentities.apply(cluster, ns, Map.of());
        Path operatorKubeconfig = ChartIdentities.kubeconfig(cluster, ChartIdentities.RELEASE_NAMESPACE, ChartIdentities.OPERATOR_SA,
                tmp.resolve("operator.kubeconfig"));
        Path agentKubeconfig = ChartIdentities.kubeconfig(cluster, ns, ChartIdentities.AGENT_SA, tmp.resolve("agent.kubeconfig"));
        String operatorUser = ChartIdentities.user(ChartIdentities.RELEASE_NAMESPACE, ChartIdentities.OPERATOR_SA);
        String agentUser = ChartIdentities.user(ns, ChartIdentities.AGENT_SA);
        AuditLog audit = new AuditLog(cluster.auditLog());
        long mark = audit.mark();

        List<String> args = new ArrayList<>(ChartIdentities.operatorArgs(chart));
        assertThat(args).as("the chart's operator arguments").contains("--leader-election");
        args.replaceAll(a -> a.startsWith("--metrics-port=") ? "--metrics-port=-1" : a.startsWith("--tick=") ? "--tick=1" : a);
        args.addAll(List.of("--kubeconfig", operatorKubeconfig.toString(), "--identity", "rbac-operator"));
        KubernetesClient admin = cluster.admin();
        try (OperatorProcess operator = new OperatorProcess(args, tmp.resolve("operator.log")).start();
             LocalKubelet kubelet = new LocalKubelet(admin, ns, tmp, agentKubeconfig).start()) {
            for (HasMetadata o : RealServerEndToEndTest.demoObjects(admin, tmp)) {
                // The first sector (2 KiB, committed capacity) and the Commit2 that has to wait.
                String name = o.getMetadata().getName();
                if (!(o instanceof SectorTask) || name.equals("s1-ap") || name.equals("s1-c2")) {
                    o.getMetadata().setNamespace(ns);
                    admin.resource(o).create();
                }
            }
            RealServerEndToEndTest.awaitSucceeded(admin, ns, "s1-c1", Duration.ofMinutes(3));
            assertNoRefusals(audit, mark, operatorUser, "the chart's operator ServiceAccount", operator.log());
            assertNoRefusals(audit, mark, agentUser, "the chart's agent ServiceAccount", "");

            assertThat(operator.terminate(30)).as("the operator (leader election on) exits on SIGTERM; its log:%n%s",
                    operator.log()).isTrue();
        }
    }

    @Test
    void aRefusedCallIsReportedByVerbAndResource() throws Exception {
        RealCluster cluster = RealCluster.get();
        String ns = cluster.namespace("rbac-refused");
        ChartIdentities.apply(cluster, ns, Map.of());
        Path agentKubeconfig = ChartIdentities.kubeconfig(cluster, ns, ChartIdentities.AGENT_SA, tmp.resolve("agent.kubeconfig"));
        AuditLog audit = new AuditLog(cluster.auditLog());
        long mark = audit.mark();
        try (KubernetesClient agent = Clients.connect(agentKubeconfig, null)) {
            try {
                agent.resources(SealingWorker.class).inNamespace(ns).withName("any").delete();
            } catch (KubernetesClientException e) {
                assertThat(e.getCode()).isEqualTo(403);
            }
        }
        RealCluster.await("the refusal in the audit log", Duration.ofSeconds(10),
                () -> !audit.forbidden(mark, ChartIdentities.user(ns, ChartIdentities.AGENT_SA)).isEmpty(), () -> "none");
        assertThat(audit.forbidden(mark, ChartIdentities.user(ns, ChartIdentities.AGENT_SA)))
                .containsExactly("delete sealing.sealfleet.io/sealingworkers any in " + ns);
    }

    static void assertNoRefusals(AuditLog audit, long mark, String user, String who, String log) {
        Set<String> refused = audit.forbidden(mark, user);
        assertThat(refused).as("calls the API server refused (403) to %s (%s); grant them in the chart's RBAC. Log:%n%s", who, user,
                log.length() > 4000 ? log.substring(log.length() - 4000) : log).isEmpty();
    }
}
