package io.sealfleet.realk8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.SealfleetOperator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletion with the kube-controller-manager running (the garbage collector): a deleted SealingWorker is
 * held by its finalizer while a task is on it (Draining), then goes, and its pod with it; deleting the
 * first task of a pipeline deletes the tasks the operator created after it (they are owned by it).
 */
class RealServerGarbageCollectionTest {
    @TempDir
    Path tmp;

    @Test
    void aDeletedWorkerDrainsItsTaskThenGoesWithItsPod() throws Exception {
        RealCluster cluster = RealCluster.get();
        cluster.startControllerManager();
        String ns = cluster.namespace("gc-worker");
        KubernetesClient client = cluster.admin();
        try (SealfleetOperator operator = operator(client, ns);
             LocalKubelet kubelet = new LocalKubelet(client, ns, tmp, cluster.kubeconfig()).start()) {
            createDemo(client, ns, "s1-ap");
            RealServerEndToEndTest.awaitSucceeded(client, ns, "s1-ap", Duration.ofMinutes(2));
            // Hold the agent still, so that the PreCommit1 the operator binds next stays on the worker while it is deleted.
            List<ProcessHandle> agent = kubelet.processes("pc1-worker");
            signal("STOP", agent);
            try {
                RealCluster.await("s1-pc1 on pc1-worker", Duration.ofSeconds(30), () -> {
                    SectorTask t = RealServerEndToEndTest.task(client, ns, "s1-pc1");
                    return t != null && t.getStatus() != null && t.getStatus().phase != null && t.getStatus().phase.isOnWorker();
                }, () -> String.valueOf(RealServerEndToEndTest.task(client, ns, "s1-pc1")));
                client.resources(SealingWorker.class).inNamespace(ns).withName("pc1-worker").delete();
                Thread.sleep(3000);
                SealingWorker held = client.resources(SealingWorker.class).inNamespace(ns).withName("pc1-worker").get();
                assertThat(held).as("a deleted worker with a task on it is held").isNotNull();
                assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
                assertThat(held.getStatus().phase).as("phase of the deleted worker").hasToString("Draining");
                assertThat(client.pods().inNamespace(ns).withName("sealfleet-worker-pc1-worker").get()).as("its pod while draining")
                        .isNotNull();
            } finally {
                signal("CONT", agent);
            }
            RealServerEndToEndTest.awaitSucceeded(client, ns, "s1-pc1", Duration.ofMinutes(2));
            RealCluster.await("pc1-worker gone", Duration.ofSeconds(60),
                    () -> client.resources(SealingWorker.class).inNamespace(ns).withName("pc1-worker").get() == null, () -> "still there");
            RealCluster.await("its pod gone", Duration.ofSeconds(60),
                    () -> client.pods().inNamespace(ns).withName("sealfleet-worker-pc1-worker").get() == null, () -> "still there");
        }
    }

    @Test
    void deletingAPipelinesFirstTaskDeletesThePipeline() throws Exception {
        RealCluster cluster = RealCluster.get();
        cluster.startControllerManager();
        String ns = cluster.namespace("gc-pipeline");
        KubernetesClient client = cluster.admin();
        try (SealfleetOperator operator = operator(client, ns);
             LocalKubelet kubelet = new LocalKubelet(client, ns, tmp, cluster.kubeconfig()).start()) {
            createDemo(client, ns, "s1-ap");
            RealServerEndToEndTest.awaitSucceeded(client, ns, "s1-pc2", Duration.ofMinutes(2));
            SectorTask pc2 = RealServerEndToEndTest.task(client, ns, "s1-pc2");
            assertThat(pc2.getMetadata().getOwnerReferences()).as("owner of a pipeline's later task")
                    .anyMatch(o -> o.getName().equals("s1-ap") && "SectorTask".equals(o.getKind()));

            client.resources(SectorTask.class).inNamespace(ns).withName("s1-ap").delete();
            RealCluster.await("every task of the pipeline gone", Duration.ofSeconds(60),
                    () -> client.resources(SectorTask.class).inNamespace(ns).list().getItems().isEmpty(),
                    () -> client.resources(SectorTask.class).inNamespace(ns).list().getItems().stream()
                            .map(t -> t.getMetadata().getName() + (t.getStatus() == null ? "" : " " + t.getStatus().phase)).toList()
                            + "; controller-manager log " + cluster.controllerManagerLog());
        }
    }

    private static SealfleetOperator operator(KubernetesClient client, String ns) {
        return SealfleetOperator.create(client, OperatorConfig.defaults().withNamespace(ns).withTick(Duration.ofMillis(500))
                .withMetricsPort(null)).start();
    }

    /** The demo's workers and groups, and the named sectors' first tasks. */
    private void createDemo(KubernetesClient client, String ns, String... sectors) {
        List<String> wanted = List.of(sectors);
        for (HasMetadata o : RealServerEndToEndTest.demoObjects(client, tmp)) {
            if (!(o instanceof SectorTask) || wanted.contains(o.getMetadata().getName())) {
                o.getMetadata().setNamespace(ns);
                client.resource(o).create();
            }
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        for (ProcessHandle p : processes) {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor();
        }
    }

    static boolean finished(SectorTask t) {
        return t.getStatus() != null && t.getStatus().phase == TaskPhase.Succeeded;
    }
}
