package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.controller.WorkerPods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The co-located example: the lotus-miner pod requests exactly the worker's WindowPoSt reserve, the
 * sealing pod the rest, both Guaranteed with whole cores on the same node, so the static CPU manager
 * gives each cores of its own and together they are the worker's spec.resources.
 */
class ColocatedMinerExampleTest {
    private static final Path DIR = RepoPaths.root().resolve("examples/colocated-windowpost");

    @Test
    void minerPodRequestsExactlyTheReserveAndTheSealingPodTheRestOnTheSameNode() throws Exception {
        SealingWorker w = (SealingWorker) new ManifestReader().read(List.of(DIR.resolve("worker.yaml"))).stream()
                .map(Manifest::object).filter(SealingWorker.class::isInstance).findFirst().orElseThrow();
        w.getMetadata().setUid("uid-1");
        Pod miner = new KubernetesSerialization().unmarshal(Files.readString(DIR.resolve("lotus-miner-pod.json")), Pod.class);
        Pod sealing = WorkerPods.desired(w, "sealfleet/worker:test", "sealfleet-worker");

        Map<String, Quantity> minerRequests = miner.getSpec().getContainers().get(0).getResources().getRequests();
        assertThat(minerRequests).isEqualTo(Map.of("cpu", new Quantity(w.getSpec().windowPost.cores.toString()),
                "memory", new Quantity(w.getSpec().windowPost.memory)));
        assertThat(miner.getSpec().getContainers().get(0).getResources().getLimits()).as("Guaranteed: limits = requests")
                .isEqualTo(minerRequests);
        Map<String, Quantity> sealingRequests = sealing.getSpec().getContainers().get(0).getResources().getRequests();
        assertThat(sealing.getSpec().getContainers().get(0).getResources().getLimits()).isEqualTo(sealingRequests);
        assertThat(miner.getSpec().getNodeName()).isEqualTo(w.getSpec().nodeName).isEqualTo(sealing.getSpec().getNodeName());

        int cores = Quantity.getAmountInBytes(minerRequests.get("cpu")).intValueExact()
                + Quantity.getAmountInBytes(sealingRequests.get("cpu")).intValueExact();
        long memory = Quantity.getAmountInBytes(minerRequests.get("memory")).longValueExact()
                + Quantity.getAmountInBytes(sealingRequests.get("memory")).longValueExact();
        assertThat(cores).isEqualTo(w.getSpec().resources.cpu);
        assertThat(new Quantity(memory + "")).isEqualTo(new Quantity(Long.toString(
                Quantity.getAmountInBytes(new Quantity(w.getSpec().resources.memory)).longValueExact())));
    }
}
