package io.sealfleet.controller;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.kube.UsableSwap;
import io.sealfleet.kube.WorkerChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker conditions that come from its agent's report and its node: OpenFilesLimit, CacheSpace,
 * GpuEngine, KernelSettings and SwapUsable. The checks themselves live in {@link WorkerChecks} and
 * {@link UsableSwap}, shared with {@code sealfleet plan}; this only writes them as conditions.
 */
final class WorkerCheckConditions {
    /** A Warning event to send for a failed check. */
    record Warning(String reason, String message) {
    }

    private WorkerCheckConditions() {
    }

    /** Sets a condition per check on {@code next} and returns the Warning events its failures call for. */
    static List<Warning> apply(SealingWorkerSpec spec, SealingWorkerStatus next, UsableSwap swap, Long generation, Instant now) {
        List<Warning> warnings = new ArrayList<>();
        List<Condition> conditions = next.conditions;
        for (WorkerChecks.Check c : WorkerChecks.checks(spec, next)) {
            conditions = Conditions.set(conditions, c.type(), c.ok(), c.reason(), c.message(), generation, now);
            if (WorkerChecks.GPU_ENGINE_FAILED.equals(c.reason()) || "OpenFilesLimitTooLow".equals(c.reason())) {
                warnings.add(new Warning(c.reason(), c.message()));
            }
        }
        if (swap != null && (swap.problem() != null || swap.bytes() > 0)) {
            conditions = swap.problem() != null
                    ? Conditions.set(conditions, WorkerChecks.SWAP_USABLE, false, "SwapNotUsable", swap.problem(), generation, now)
                    : Conditions.set(conditions, WorkerChecks.SWAP_USABLE, true, "SwapUsable", "the pod may use the "
                    + next.capacity.swap + " of swap it declares (LimitedSwap)", generation, now);
            if (swap.problem() != null) {
                warnings.add(new Warning("SwapNotUsable", swap.problem()));
            }
        }
        next.conditions = conditions;
        return warnings;
    }
}
