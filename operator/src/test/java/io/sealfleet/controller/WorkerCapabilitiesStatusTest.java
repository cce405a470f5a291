package io.sealfleet.controller;

import static io.sealfleet.controller.DeciderFixtures.NOW;
import static io.sealfleet.controller.DeciderFixtures.NS;
import static io.sealfleet.controller.DeciderFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.Condition;
import io.sealfleet.api.ExternalProver;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.api.WorkerCapabilities;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.kube.ReportedCapabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's Capabilities and Prover conditions, from what its agent reported in status.capabilities. */
class WorkerCapabilitiesStatusTest {
    private static final String MISSING = "the LotusBench prover adapter's executable /usr/local/bin/lotus-bench is not there; "
            + "install lotus-bench in the worker image or set spec.externalProver.path to its absolute path";

    private static WorkerAssessment withProver(WorkerCapabilities caps) {
        WorkerAssessment w = worker("w1", WorkerPhase.Ready);
        w.worker.getSpec().externalProver = new ExternalProver();
        w.worker.getSpec().externalProver.adapter = ProverAdapter.LotusBench;
        w.worker.getStatus().capabilities = caps;
        return w;
    }

    @Test
    void aMissingProverIsAFalseProverConditionWithItsPathAndFixAndAWarning() {
        WorkerCapabilities caps = ReportedCapabilities.all(ProverAdapter.LotusBench);
        caps.prover.installed = false;
        caps.prover.message = MISSING;

        WorkerStatusDecider.WorkerChange c = WorkerStatusDecider.decide(withProver(caps), null, List.of(), NS, NOW);

        Condition prover = Conditions.get(c.status().conditions, "Prover");
        assertThat(prover.status).isEqualTo(Conditions.FALSE);
        assertThat(prover.reason).isEqualTo(WorkerReason.ProverNotInstalled.name());
        assertThat(prover.message).isEqualTo(MISSING);
        assertThat(c.checkWarnings()).extracting(SealingWorkerStatusBuilder.Warning::reason).contains("ProverNotInstalled");
        assertThat(c.status().capabilities.prover.installed).as("the agent's report is kept as it wrote it").isFalse();
    }

    @Test
    void anInstalledProverIsATrueProverConditionAndTheCapabilitiesAreSummarised() {
        WorkerStatusDecider.WorkerChange c = WorkerStatusDecider.decide(
                withProver(ReportedCapabilities.all(ProverAdapter.LotusBench)), null, List.of(), NS, NOW);

        assertThat(Conditions.get(c.status().conditions, "Prover").reason).isEqualTo("ProverInstalled");
        Condition caps = Conditions.get(c.status().conditions, "Capabilities");
        assertThat(caps.status).isEqualTo(Conditions.TRUE);
        assertThat(caps.reason).isEqualTo("CapabilitiesReported");
        assertThat(caps.message).startsWith("sealer runs AddPiece, PreCommit1").contains("sector sizes 2KiB, 8MiB, 512MiB, 32GiB, 64GiB");
        assertThat(c.checkWarnings()).isEmpty();
    }

    @Test
    void aSealerThatCouldNotSayIsAFalseCapabilitiesCondition() {
        WorkerCapabilities caps = new WorkerCapabilities();
        caps.error = "sealer capabilities failed: unknown subcommand";
        WorkerAssessment w = worker("w1", WorkerPhase.Ready);
        w.worker.getStatus().capabilities = caps;

        WorkerStatusDecider.WorkerChange c = WorkerStatusDecider.decide(w, null, List.of(), NS, NOW);

        Condition cond = Conditions.get(c.status().conditions, "Capabilities");
        assertThat(cond.status).isEqualTo(Conditions.FALSE);
        assertThat(cond.reason).isEqualTo("CapabilitiesUnreadable");
        assertThat(Conditions.get(c.status().conditions, "Prover")).as("no prover configured").isNull();
    }
}
