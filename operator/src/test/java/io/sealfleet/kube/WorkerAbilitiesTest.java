package io.sealfleet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.scheduler.Scheduler;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.WaitingCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The operator and sealfleet plan read status.capabilities the same way: through the scheduler's input builder. */
class WorkerAbilitiesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String C2 = "metadata: {name: c2}\nspec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: Commit2}\n";

    private static SchedulingPlan plan(String workerYaml, String taskYaml) throws Exception {
        SealingWorker w = YAML.readValue(workerYaml, SealingWorker.class);
        w.getMetadata().setNamespace("default");
        SectorTask t = YAML.readValue(taskYaml, SectorTask.class);
        t.getMetadata().setNamespace("default");
        return new Scheduler().plan(new ClusterStateBuilder(Instant.parse("2026-11-21T12:00:00Z")).worker(w).task(t).build());
    }

    private static String worker(String status) {
        return "metadata: {name: w}\nspec:\n  resources: {cpu: 8, memory: 64Gi}\n"
                + "  storage: [{id: s, hostPath: /s, canSeal: true}]\n"
                + "  externalProver: {adapter: LotusBench, path: /usr/local/bin/lotus-bench}\n"
                + "status:\n  phase: Ready\n  capacity: {cpu: 8, memory: 64Gi}\n" + status;
    }

    @Test
    void commit2WaitsWithTheAgentsMessageWhenItReportsTheProverNotInstalled() throws Exception {
        String caps = ReportedCapabilities.yaml(null, 2) + "    prover: {adapter: LotusBench, installed: false, types: [Commit2], "
                + "message: \"the LotusBench prover adapter's executable /usr/local/bin/lotus-bench is not there\"}\n";
        // Commit2 reads the cache: put one on the worker so the task is placeable but for the prover.
        String storage = "  storage: [{id: s, sectors: [{miner: f01000, sector: 1, files: [cache, sealed]}]}]\n";

        SchedulingPlan p = plan(worker(storage + caps), C2);

        assertThat(p.assignments()).isEmpty();
        assertThat(p.waiting()).singleElement().satisfies(wt -> {
            assertThat(wt.code()).isEqualTo(WaitingCode.ProverNotInstalled);
            assertThat(wt.reason()).isEqualTo("C2 2KiB: sector files on w; worker w cannot run Commit2: the LotusBench prover adapter's "
                    + "executable /usr/local/bin/lotus-bench is not there");
        });
    }

    @Test
    void commit2GoesToTheWorkerOnceItsAgentReportsTheProverInstalled() throws Exception {
        String storage = "  storage: [{id: s, sectors: [{miner: f01000, sector: 1, files: [cache, sealed]}]}]\n";

        SchedulingPlan p = plan(worker(storage + ReportedCapabilities.yaml(io.sealfleet.api.ProverAdapter.LotusBench, 2)), C2);

        assertThat(p.assignments()).singleElement().satisfies(a -> assertThat(a.worker()).isEqualTo("w"));
    }

    @Test
    void aJudgedWorkerWithoutCapabilitiesTakesNoKernelWork() throws Exception {
        String pc1 = "metadata: {name: pc1}\nspec: {miner: f01000, sector: 2, sectorSize: 2KiB, type: PreCommit1, "
                + "ticket: \"0101010101010101010101010101010101010101010101010101010101010101\"}\n";

        SchedulingPlan p = plan(worker("  storage: [{id: s, sectors: [{miner: f01000, sector: 2, files: [unsealed]}]}]\n"), pc1);

        assertThat(p.waiting()).singleElement().satisfies(wt -> {
            assertThat(wt.code()).isEqualTo(WaitingCode.WorkerCannotRun);
            assertThat(wt.reason()).startsWith("PC1 2KiB: sector files on w; worker w cannot run PreCommit1: has not reported its capabilities yet");
        });
    }
}
