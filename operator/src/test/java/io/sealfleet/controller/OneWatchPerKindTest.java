package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.group;
import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sealfleet.table.TaskType;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator opens exactly one watch per resource it reads: one on worker pods, one per sealfleet kind
 * (and one each on Leases and nodes), counted in the mock server's request log. A second engine with its
 * own informers would show up here as a second watch on the same path.
 */
@EnableKubernetesMockClient(crud = true)
class OneWatchPerKindTest {
    KubernetesClient client;
    KubernetesMockServer server;
    SealfleetOperator operator;

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    void theOperatorWatchesPodsAndEachKindExactlyOnce() throws Exception {
        Cluster.installCrds(client);
        client.resource(group("fast")).create();
        client.resource(worker("w1", 4, "16Gi", s -> { })).create();
        client.resource(task("ap", TaskType.AddPiece, 1, s -> { })).create();
        operator = SealfleetOperator.create(client, OperatorConfig.defaults().withNamespace(Cluster.NS)
                .withTick(java.time.Duration.ofMillis(100))).start();
        // The worker's pod is made and the worker reconciled several times over: every engine has run by then.
        await().atMost(Cluster.WAIT).until(() -> client.pods().inNamespace(Cluster.NS)
                .withName(WorkerPods.podName("w1")).get() != null);
        long passes = operator.loop().passes();
        await().atMost(Cluster.WAIT).until(() -> operator.loop().passes() >= passes + 5);

        Map<String, Integer> watches = new TreeMap<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            String path = r.getPath();
            if ("GET".equals(r.getMethod()) && path.contains("watch=true")) {
                String resource = path.substring(0, path.indexOf('?'));
                watches.merge(resource.substring(resource.lastIndexOf('/') + 1), 1, Integer::sum);
            }
        }
        assertThat(watches).containsExactlyInAnyOrderEntriesOf(Map.of("pods", 1, "sectortasks", 1, "sealingworkers", 1,
                "storagegroups", 1, "leases", 1, "nodes", 1));
    }
}
