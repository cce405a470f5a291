package io.sealfleet.controller;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.WorkerCapabilities;
import io.sealfleet.kube.UsableSwap;
import io.sealfleet.kube.WorkerAbilities;
import io.sealfleet.kube.WorkerChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The one place a SealingWorker's conditions are set. Works on a copy; records the generation decided for. */
record SealingWorkerStatusBuilder(SealingWorkerStatus status, Long generation, Instant now) {
    static final String CAPABILITIES = "Capabilities";
    static final String PROVER = "Prover";

    /** A Warning event a failed check calls for. */
    record Warning(String reason, String message) {
    }

    SealingWorkerStatusBuilder {
        status.observedGeneration = generation;
    }

    SealingWorkerStatusBuilder specValid() {
        status.conditions = Conditions.valid(status.conditions, generation, now);
        return this;
    }

    SealingWorkerStatusBuilder ready(boolean ready, WorkerReason reason, String message) {
        status.conditions = Conditions.set(status.conditions, Conditions.READY, ready, reason, message, generation, now);
        return this;
    }

    /**
     * The conditions from the agent's report and the node: OpenFilesLimit, CacheSpace, GpuEngine,
     * KernelSettings (the checks and their reasons live in {@link WorkerChecks}, shared with
     * {@code sealfleet plan}) and SwapUsable. Returns the Warning events the failures call for.
     */
    List<Warning> checks(SealingWorkerSpec spec, UsableSwap swap) {
        List<Warning> warnings = new ArrayList<>();
        List<Condition> conditions = status.conditions;
        for (WorkerChecks.Check c : WorkerChecks.checks(spec, status)) {
            conditions = Conditions.set(conditions, c.type(), c.ok(), c.reason(), c.message(), generation, now);
            if (WorkerChecks.GPU_ENGINE_FAILED.equals(c.reason()) || "OpenFilesLimitTooLow".equals(c.reason())) {
                warnings.add(new Warning(c.reason(), c.message()));
            }
        }
        if (swap != null && (swap.problem() != null || swap.bytes() > 0)) {
            conditions = swap.problem() != null
                    ? Conditions.set(conditions, WorkerChecks.SWAP_USABLE, false, WorkerReason.SwapNotUsable, swap.problem(),
                    generation, now)
                    : Conditions.set(conditions, WorkerChecks.SWAP_USABLE, true, WorkerReason.SwapUsable, "the pod may use the "
                    + status.capacity.swap + " of swap it declares (LimitedSwap)", generation, now);
            if (swap.problem() != null) {
                warnings.add(new Warning(WorkerReason.SwapNotUsable.name(), swap.problem()));
            }
        }
        status.conditions = conditions;
        capabilities(spec, warnings);
        return warnings;
    }

    /**
     * Capabilities and Prover from the agent's {@code status.capabilities}, in the words the scheduler's
     * waiting reasons use ({@link WorkerAbilities}); left out until the agent reports.
     */
    private void capabilities(SealingWorkerSpec spec, List<Warning> warnings) {
        WorkerCapabilities c = status.capabilities;
        if (c == null) {
            return;
        }
        status.conditions = c.error != null
                ? Conditions.set(status.conditions, CAPABILITIES, false, WorkerReason.CapabilitiesUnreadable, c.error, generation, now)
                : Conditions.set(status.conditions, CAPABILITIES, true, WorkerReason.CapabilitiesReported,
                WorkerAbilities.describe(c), generation, now);
        if (spec.externalProver == null || c.prover == null) {
            status.conditions = status.conditions.stream().filter(x -> !PROVER.equals(x.type)).collect(
                    java.util.stream.Collectors.toCollection(ArrayList::new));
            return;
        }
        boolean installed = Boolean.TRUE.equals(c.prover.installed);
        status.conditions = Conditions.set(status.conditions, PROVER, installed,
                installed ? WorkerReason.ProverInstalled : WorkerReason.ProverNotInstalled, c.prover.message, generation, now);
        if (!installed) {
            warnings.add(new Warning(WorkerReason.ProverNotInstalled.name(), c.prover.message));
        }
    }
}
