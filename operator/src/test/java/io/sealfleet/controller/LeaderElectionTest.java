package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.table.TaskType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas: one leads and schedules, the other takes over when it goes. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
    KubernetesClient client;
    SealfleetOperator a;
    SealfleetOperator b;

    @AfterEach
    void stop() {
        for (SealfleetOperator o : new SealfleetOperator[] {a, b}) {
            if (o != null) {
                o.close();
            }
        }
    }

    private static OperatorConfig replica(Cluster cluster, String id) {
        return cluster.config().withLeaderElection(new OperatorConfig.LeaderElection("sealfleet-operator", Cluster.NS, id,
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200), false));
    }

    @Test
    void onlyTheLeaderSchedulesAndTheOtherReplicaTakesOverWhenItStops() {
        Cluster cluster = new Cluster(client);
        a = SealfleetOperator.create(client, replica(cluster, "replica-a")).start();
        await().atMost(Cluster.WAIT).until(() -> a.loop().isRunning());
        b = SealfleetOperator.create(client, replica(cluster, "replica-b")).start();
        cluster.operator = a;
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.bringUp("w1", "node-1");
        cluster.create(task("pc1", TaskType.PreCommit1, 1, s -> { }));
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        assertThat(b.loop().isRunning()).isFalse();
        assertThat(client.leases().inNamespace(Cluster.NS).withName("sealfleet-operator").get().getSpec().getHolderIdentity())
                .isEqualTo("replica-a");

        a.close();
        a = null;
        await().atMost(Cluster.WAIT).until(() -> b.loop().isRunning());
        cluster.operator = b;
        cluster.create(task("pc1-next", TaskType.PreCommit1, 2, s -> { }));
        cluster.awaitTaskPhase("pc1-next", TaskPhase.Scheduled);
        assertThat(cluster.task("pc1").getStatus().attempt).isEqualTo(1);
    }
}
