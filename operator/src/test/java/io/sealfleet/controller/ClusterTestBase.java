package io.sealfleet.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh CRUD mock API server per test with the operator running on it; the mock server injects {@link #client}. */
@EnableKubernetesMockClient(crud = true)
abstract class ClusterTestBase {
    KubernetesClient client;
    Cluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = new Cluster(client).start();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }
}
