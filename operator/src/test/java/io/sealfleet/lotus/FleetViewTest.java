package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.kube.ReportedCapabilities;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet as one Lotus worker: summed resources, offered task types, per-task MaxConcurrent. */
class FleetViewTest {
    static SealingWorker worker(String name, String spec, String phase, int cpu, String memory) {
        String yaml = """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: %s, namespace: default}
                spec:
                %s
                  storage:
                    - {id: %s-seal, hostPath: /srv, canSeal: true, groups: [g-%s], allowTo: [g-store]}
                status:
                  phase: %s
                  endpoint: http://10.0.0.1:7070
                  capacity: {cpu: %d, memory: %s}
                  storage:
                    - id: %s-seal
                      capacityBytes: 1000000000000
                      availableBytes: 600000000000
                      sectors: [{miner: f01000, sector: 9, files: [unsealed, cache]}]
                """.formatted(name, spec.indent(2).stripTrailing(), name, name, phase, cpu, memory, name)
                + ReportedCapabilities.yaml(spec.contains("externalProver") ? ProverAdapter.Stdio : null, 2);
        return new KubernetesSerialization().unmarshal(yaml, SealingWorker.class);
    }

    @Test
    void infoSumsTheReadyWorkersAndNeverReportsZeroMemory() {
        FleetView fleet = FleetView.of(List.of(worker("a", "resources: {cpu: 64, memory: 256Gi}", "Ready", 64, "256Gi"),
                worker("b", "resources: {cpu: 32, memory: 128Gi}", "Ready", 32, "128Gi"),
                worker("lost", "resources: {cpu: 32, memory: 128Gi}", "Lost", 32, "128Gi")));
        JsonNode r = fleet.info("fleet").path("Resources");
        assertThat(r.path("CPUs").asInt()).isEqualTo(96);
        assertThat(r.path("MemPhysical").asLong()).isEqualTo(384L << 30);
        assertThat(fleet.info("fleet").path("IgnoreResources").asBoolean()).isTrue();
        assertThat(FleetView.of(List.of()).info("empty").path("Resources").path("MemPhysical").asLong()).isPositive();
        assertThat(fleet.lotusPaths()).extracting(p -> p.path("ID").asText()).containsExactlyInAnyOrder("a-seal", "b-seal");
    }

    @Test
    void maxConcurrentIsWhatTheFleetRunsAtOnceByMemoryThreadsAndOverrides() {
        // 32 GiB PC1 needs 56 GiB (seeds' table) and 1 thread: 256 GiB holds 4, 128 GiB holds 2; the override caps b at 1.
        FleetView fleet = FleetView.of(List.of(worker("a", "resources: {cpu: 64, memory: 256Gi}", "Ready", 64, "256Gi"),
                worker("b", "resources: {cpu: 32, memory: 128Gi}\nresourceTable: {PC1_32G_MAX_CONCURRENT: \"1\"}", "Ready", 32,
                        "128Gi")));
        assertThat(fleet.concurrency(TaskType.PreCommit1, SealProof.StackedDrg32GiBV1_1)).isEqualTo(4 + 1);
        assertThat(fleet.info("f").path("Resources").path("Resources").path("seal/v0/precommit/1").path("8").path("MaxConcurrent")
                .asInt()).isEqualTo(5);
    }

    @Test
    void commit2IsOfferedOnlyWithAProverAndAPausedWorkerOnlyFinishesWhatItHolds() {
        FleetView noProver = FleetView.of(List.of(worker("a", "resources: {cpu: 8, memory: 64Gi}", "Ready", 8, "64Gi")));
        assertThat(names(noProver.taskTypes())).doesNotContain("seal/v0/commit/2").contains("seal/v0/precommit/1");
        FleetView prover = FleetView.of(List.of(worker("a", "resources: {cpu: 8, memory: 64Gi}\nexternalProver: {command: [/p]}",
                "Ready", 8, "64Gi")));
        assertThat(names(prover.taskTypes())).contains("seal/v0/commit/2");
        FleetView paused = FleetView.of(List.of(worker("a", "resources: {cpu: 8, memory: 64Gi}\npaused: true", "Ready", 8, "64Gi")));
        assertThat(names(paused.taskTypes())).doesNotContain("seal/v0/precommit/1", "seal/v0/addpiece")
                .contains("seal/v0/commit/1", "seal/v0/finalize");
        assertThat(paused.concurrency(TaskType.PreCommit1, SealProof.StackedDrg32GiBV1_1)).isZero();
    }

    @Test
    void holdingsComeFromTheAgentsReports() {
        FleetView fleet = FleetView.of(List.of(worker("a", "resources: {cpu: 8, memory: 64Gi}", "Ready", 8, "64Gi")));
        assertThat(fleet.holder(1000, 9, io.sealfleet.table.FileType.cache)).isEqualTo("http://10.0.0.1:7070");
        assertThat(fleet.holder(1000, 9, io.sealfleet.table.FileType.sealed)).isNull();
        assertThat(fleet.holder(1001, 9, io.sealfleet.table.FileType.cache)).isNull();
        assertThat(fleet.allGroups()).as("the bridge names every group as its target when it reads from an agent")
                .containsExactlyInAnyOrder("g-a", "g-store");
    }

    static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
