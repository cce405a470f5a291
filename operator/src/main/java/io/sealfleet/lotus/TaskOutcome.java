package io.sealfleet.lotus;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.api.TaskPhase;

/**
 * Where a SectorTask stands for the miner: done with outputs, failed for good with the reason
 * and message, or still under way. The only place the bridge reads a task's status.
 */
public sealed interface TaskOutcome {
    record Done(TaskOutputs outputs, String worker) implements TaskOutcome {
    }

    record Failed(String reason, String message) implements TaskOutcome {
    }

    record Running() implements TaskOutcome {
    }

    static TaskOutcome of(SectorTask task) {
        SectorTaskStatus st = task.getStatus();
        if (st == null) {
            return new Running();
        }
        if (st.phase == TaskPhase.Succeeded && st.outputs != null) {
            return new Done(st.outputs, st.worker);
        }
        boolean failedForGood = st.conditions != null && st.conditions.stream()
                .anyMatch(c -> "Succeeded".equals(c.type) && "False".equals(c.status));
        if (failedForGood) {
            Condition c = st.conditions.stream().filter(x -> "Succeeded".equals(x.type)).findFirst().orElseThrow();
            return new Failed(st.reason != null ? st.reason : c.reason, st.message != null ? st.message : c.message);
        }
        return new Running();
    }
}
