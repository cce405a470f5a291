package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.NS;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.sealfleet.api.Condition;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.kube.ClusterStateBuilder;
import io.sealfleet.kube.UsableSwap;
import io.sealfleet.scheduler.WorkerNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Swap as Kubernetes gives it: Burstable pods on LimitedSwap nodes, in proportion to their memory request. */
class WorkerSwapTest extends ClusterTestBase {
    private void node(String name, String behavior, String memory, long swapBytes) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withCapacity(Map.of("memory", new Quantity(memory)))
                .withNewNodeInfo().withNewSwap().withCapacity(swapBytes).endSwap().endNodeInfo().endStatus();
        if (behavior != null) {
            b.editMetadata().withLabels(Map.of(UsableSwap.BEHAVIOR_LABEL, behavior)).endMetadata();
        }
        client.resource(b.build()).create();
    }

    private Condition swapCondition(String worker) {
        await().atMost(Cluster.WAIT).until(() -> Conditions.get(cluster.worker(worker).getStatus().conditions, "SwapUsable") != null);
        return Conditions.get(cluster.worker(worker).getStatus().conditions, "SwapUsable");
    }

    private static WorkerNode scheduled(SealingWorker w) {
        return new ClusterStateBuilder(Instant.EPOCH).worker(w).build().workers().get(0);
    }

    @Test
    void workerThatDeclaresSwapRunsBurstableWithAMemoryRequestAndNoMemoryLimit() {
        cluster.create(worker("c2-box", 32, "256Gi", s -> s.resources.swap = "64Gi"));
        await().atMost(Cluster.WAIT).until(() -> cluster.pod("c2-box") != null);
        Container c = cluster.pod("c2-box").getSpec().getContainers().get(0);
        assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi")));
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("32")));
    }

    @Test
    void swapOnANodeWithoutLimitedSwapIsNotCountedAndTheConditionNamesTheFieldAndTheFix() {
        node("n1", null, "512Gi", 128L << 30);
        cluster.create(worker("c2-box", 32, "256Gi", s -> s.resources.swap = "64Gi"));
        cluster.bringUp("c2-box", "n1");
        Condition c = swapCondition("c2-box");
        assertThat(c.status).isEqualTo("False");
        assertThat(c.reason).isEqualTo("SwapNotUsable");
        assertThat(c.message).startsWith("spec.resources.swap: ").contains("LimitedSwap").contains(UsableSwap.BEHAVIOR_LABEL)
                .contains("remove spec.resources.swap");
        SealingWorker w = cluster.worker("c2-box");
        assertThat(w.getStatus().capacity.swap).isEqualTo("0");
        assertThat(scheduled(w).capacity().swap()).isZero();
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SwapNotUsable"));
    }

    @Test
    void limitedSwapGivesThePodItsMemoryRequestsShareAndTheSchedulerCountsOnlyThat() {
        // 256 GiB of a 512 GiB node's 128 GiB swap: 64 GiB. The worker declares 96 GiB.
        node("n1", UsableSwap.LIMITED_SWAP, "512Gi", 128L << 30);
        cluster.create(worker("c2-box", 32, "256Gi", s -> s.resources.swap = "96Gi"));
        cluster.bringUp("c2-box", "n1");
        Condition c = swapCondition("c2-box");
        assertThat(c.status).isEqualTo("False");
        assertThat(c.message).contains("= 64 GiB").contains("lower spec.resources.swap to 64 GiB");
        await().atMost(Cluster.WAIT).until(() -> "64Gi".equals(cluster.worker("c2-box").getStatus().capacity.swap));
        assertThat(scheduled(cluster.worker("c2-box")).capacity().swap()).isEqualTo(64L << 30);
    }

    @Test
    void swapWithinTheShareIsUsableInFull() {
        node("n1", UsableSwap.LIMITED_SWAP, "512Gi", 128L << 30);
        cluster.create(worker("c2-box", 32, "256Gi", s -> s.resources.swap = "64Gi"));
        cluster.bringUp("c2-box", "n1");
        Condition c = swapCondition("c2-box");
        assertThat(c.status).isEqualTo("True");
        assertThat(cluster.worker("c2-box").getStatus().capacity.swap).isEqualTo("64Gi");
    }

    @Test
    void theShareComesFromThePodsRequestSoAWindowPostReserveShrinksIt() {
        // The pod requests 256 − 128 = 128 GiB of the node's 512 GiB: a quarter of 128 GiB swap is 32 GiB.
        node("n1", UsableSwap.LIMITED_SWAP, "512Gi", 128L << 30);
        cluster.create(worker("c2-box", 32, "256Gi", s -> {
            s.resources.swap = "64Gi";
            s.windowPost = new io.sealfleet.api.WindowPostReserve();
            s.windowPost.cores = 4;
            s.windowPost.memory = "128Gi";
        }));
        cluster.bringUp("c2-box", "n1");
        assertThat(swapCondition("c2-box").message).contains("= 32 GiB");
        assertThat(cluster.worker("c2-box").getStatus().capacity.swap).isEqualTo("32Gi");
    }
}
