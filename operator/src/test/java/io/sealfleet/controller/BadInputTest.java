package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.NS;
import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sealfleet.api.Condition;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.table.TaskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each invalid object gets a condition naming the field and the fix; the others go on. */
class BadInputTest extends ClusterTestBase {
    private void createRaw(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind, String yaml) {
        GenericKubernetesResource g = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(kind)).inNamespace(NS).resource(g).create();
    }

    @SuppressWarnings("unchecked")
    private Condition rawCondition(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind, String name, String type) {
        GenericKubernetesResource g = client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(kind))
                .inNamespace(NS).withName(name).get();
        Map<String, Object> status = (Map<String, Object>) g.getAdditionalProperties().get("status");
        if (status == null || status.get("conditions") == null) {
            return null;
        }
        for (Map<String, Object> c : (List<Map<String, Object>>) status.get("conditions")) {
            if (type.equals(c.get("type"))) {
                return new Condition((String) c.get("type"), (String) c.get("status"), (String) c.get("reason"),
                        (String) c.get("message"), null, null);
            }
        }
        return null;
    }

    private Condition awaitCondition(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind, String name, String type,
                                     String status) {
        await().atMost(Cluster.WAIT).until(() -> {
            Condition c = rawCondition(kind, name, type);
            return c != null && status.equals(c.status);
        });
        return rawCondition(kind, name, type);
    }

    @Test
    void everyInvalidObjectIsToldWhichFieldToFixAndTheRestIsScheduled() {
        cluster.node("gpu-node", 2, "NVIDIA-GeForce-RTX-3090", 24576);
        createRaw(SectorTask.class, """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: bad-enum}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: PreCommit3}
                """);
        createRaw(SealingWorker.class, """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: bad-enum-worker}
                spec: {tasks: [PreCommit9], resources: {cpu: 4, memory: 16Gi}}
                """);
        cluster.create(task("no-ticket", TaskType.PreCommit1, 2, s -> s.ticket = null));
        cluster.create(worker("bad-override", 4, "16Gi", s -> s.resourceTable = Map.of("PC1_32G_MAX_CONCURENT", "4")));
        cluster.create(worker("bad-group", 4, "16Gi", s -> s.storage.get(0).groups = List.of("no-such-group")));
        cluster.create(worker("gpu-hungry", 16, "64Gi", s -> {
            s.resources.gpus = 4;
            s.gpu = Cluster.gpu("NVIDIA-GeForce-RTX-3090", 0);
        }));
        cluster.create(worker("good", 4, "16Gi", s -> { }));
        cluster.create(task("good-task", TaskType.AddPiece, 3, s -> { }));
        cluster.bringUp("good", "node-1");

        Condition badEnum = awaitCondition(SectorTask.class, "bad-enum", Conditions.VALID, "False");
        assertThat(badEnum.reason).isEqualTo("InvalidSpec");
        assertThat(badEnum.message).startsWith("spec.type: 'PreCommit3' is not valid; use one of [AddPiece, PreCommit1,");

        Condition badWorkerEnum = awaitCondition(SealingWorker.class, "bad-enum-worker", Conditions.VALID, "False");
        assertThat(badWorkerEnum.message).startsWith("spec.tasks[0]: 'PreCommit9' is not valid; use one of [");

        Condition noTicket = awaitCondition(SectorTask.class, "no-ticket", Conditions.VALID, "False");
        assertThat(noTicket.message).startsWith("spec.ticket: PreCommit1 needs the sealing ticket (chain randomness); "
                + "set spec.ticket to the 32-byte ticket");

        Condition override = awaitCondition(SealingWorker.class, "bad-override", Conditions.VALID, "False");
        assertThat(override.message).startsWith("spec.resourceTable.PC1_32G_MAX_CONCURENT: not a resource-table key; "
                + "did you mean PC1_32G_MAX_CONCURRENT? write ");

        Condition group = awaitCondition(SealingWorker.class, "bad-group", Conditions.VALID, "False");
        assertThat(group.message).isEqualTo("spec.storage[0].groups[0]: no StorageGroup named 'no-such-group' in namespace "
                + "default; create the StorageGroup or fix the name");

        Condition gpus = awaitCondition(SealingWorker.class, "gpu-hungry", Conditions.READY, "False");
        assertThat(gpus.reason).isEqualTo("Unschedulable");
        assertThat(gpus.message).isEqualTo("spec.resources.gpus: the worker asks for 4 GPUs but no node offers more than 2 "
                + "(nvidia.com/gpu allocatable); lower spec.resources.gpus to 2 or fewer, or add a node with 4 GPUs");

        // Workers whose spec does not hold get no pod (one naming a missing group keeps its pod, so it is
        // ready when the group appears, but takes no task); everything valid carries on.
        cluster.awaitTaskPhase("good-task", TaskPhase.Scheduled);
        assertThat(cluster.task("good-task").getStatus().worker).isEqualTo("good");
        assertThat(cluster.pod("bad-override")).isNull();
        assertThat(cluster.pod("bad-enum-worker")).isNull();
        assertThat(cluster.worker("good").getStatus().phase).isEqualTo(WorkerPhase.Ready);
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType()))
                .extracting(e -> e.getInvolvedObject().getName())
                .contains("bad-enum", "bad-enum-worker", "no-ticket", "bad-override", "bad-group");
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "Unschedulable".equals(e.getReason())).hasSize(1);
        assertThat(cluster.operator.loop().isRunning()).isTrue();
    }

    @Test
    void fixingTheSpecMakesTheObjectValidAgain() {
        cluster.create(worker("w1", 4, "16Gi", s -> { }));
        cluster.bringUp("w1", "node-1");
        cluster.create(task("pc1", TaskType.PreCommit1, 1, s -> s.ticket = null));
        awaitCondition(SectorTask.class, "pc1", Conditions.VALID, "False");
        client.resources(SectorTask.class).inNamespace(NS).withName("pc1").edit(t -> {
            t.getSpec().ticket = Cluster.TICKET;
            return t;
        });
        cluster.awaitTaskPhase("pc1", TaskPhase.Scheduled);
        SectorTask t = cluster.task("pc1");
        assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.VALID)).isTrue();
        assertThat(t.getStatus().observedGeneration).isEqualTo(t.getMetadata().getGeneration());
    }
}
