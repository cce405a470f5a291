package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WindowPostReserve;
import io.sealfleet.table.TaskType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The documented metric names, with their labels, on the operator's /metrics endpoint. */
@EnableKubernetesMockClient(crud = true)
class MetricsTest {
    KubernetesClient client;
    Cluster cluster;

    @BeforeEach
    void start() {
        cluster = new Cluster(client);
        cluster.start(cluster.config().withMetricsPort(0));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + cluster.operator.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void metricsEndpointShowsEveryDocumentedMetric() throws Exception {
        cluster.create(worker("miner-box", 16, "64Gi", s -> {
            s.windowPost = new WindowPostReserve();
            s.windowPost.cores = 4;
        }));
        cluster.bringUp("miner-box", "node-1");
        cluster.create(task("pc2", TaskType.PreCommit2, 1, s -> { }));
        cluster.awaitTaskPhase("pc2", TaskPhase.Scheduled);
        cluster.agent("pc2", TaskPhase.Running);
        cluster.clock.advance(java.time.Duration.ofSeconds(5));
        cluster.heartbeat("miner-box");
        cluster.agent("pc2", TaskPhase.Succeeded);
        await().atMost(Cluster.WAIT).until(() -> Conditions.isTrue(cluster.task("pc2").getStatus().conditions,
                Conditions.SUCCEEDED));
        cluster.create(task("pc1", TaskType.PreCommit1, 2, s -> { }));
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        cluster.agent("pc1", TaskPhase.Running);
        await().atMost(Cluster.WAIT).until(() -> scrape().contains(
                "sealfleet_worker_cpu_allocated_cores{namespace=\"default\",worker=\"miner-box\"} 1.0"));

        String body = scrape();
        assertThat(body)
                .contains("sealfleet_tasks{phase=\"Running\",type=\"PreCommit1\"} 1.0")
                .contains("sealfleet_tasks{phase=\"Succeeded\",type=\"PreCommit2\"} 1.0")
                .contains("sealfleet_tasks{phase=\"Pending\",type=\"Commit2\"} 0.0")
                .contains("sealfleet_task_duration_seconds_bucket{type=\"PreCommit2\",le=\"10.0\"} 1")
                .contains("sealfleet_task_duration_seconds_count{type=\"PreCommit2\"} 1")
                .contains("sealfleet_task_queue_wait_seconds_count{type=\"PreCommit1\"} 1")
                .contains("sealfleet_task_queue_wait_seconds_bucket{type=\"PreCommit1\",le=\"1.0\"}")
                .contains("sealfleet_scheduling_pass_duration_seconds_count")
                .contains("sealfleet_scheduling_pass_duration_seconds_bucket{le=\"0.1\"}")
                .contains("sealfleet_task_bindings_total{type=\"PreCommit1\"} 1.0")
                .contains("sealfleet_task_binding_conflicts_total")
                .contains("sealfleet_task_retries_total{type=\"PreCommit1\"} 0.0")
                .contains("sealfleet_task_failures_total{type=\"PreCommit1\"} 0.0")
                .contains("sealfleet_task_requeues_total{type=\"PreCommit1\"} 0.0")
                .contains("sealfleet_workers{phase=\"Ready\"} 1.0")
                .contains("sealfleet_workers{phase=\"Lost\"} 0.0")
                .contains("sealfleet_worker_cpu_capacity_cores{namespace=\"default\",worker=\"miner-box\"} 16.0")
                .contains("sealfleet_worker_memory_allocated_bytes{namespace=\"default\",worker=\"miner-box\"} 2048.0")
                .contains("sealfleet_worker_memory_capacity_bytes{namespace=\"default\",worker=\"miner-box\"} 6.8719476736E10")
                .contains("sealfleet_worker_gpu_allocated{namespace=\"default\",worker=\"miner-box\"} 0.0")
                .contains("sealfleet_worker_gpu_capacity{namespace=\"default\",worker=\"miner-box\"} 0.0")
                .contains("sealfleet_worker_windowpost_headroom_cores{namespace=\"default\",worker=\"miner-box\"} 15.0")
                .contains("sealfleet_worker_windowpost_reserved_cores{namespace=\"default\",worker=\"miner-box\"} 4.0");
        assertThat(body).doesNotContain("sector=").doesNotContain("task=\"");

        // A deleted worker's series go away.
        client.resources(io.sealfleet.api.SealingWorker.class).inNamespace(Cluster.NS).withName("miner-box").delete();
        cluster.agent("pc1", TaskPhase.Succeeded);
        await().atMost(Cluster.WAIT).until(() -> !scrape().contains("worker=\"miner-box\""));
    }
}
