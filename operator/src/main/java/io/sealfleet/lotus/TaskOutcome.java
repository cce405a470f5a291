package io.sealfleet.lotus;

import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.api.TaskPhase;

/**
 * Where a SectorTask stands for the miner: done with outputs, failed for good with the reason
 * and message, or still under way. The only place the bridge reads a task's status. Only the
 * operator moves {@code phase}: Succeeded carries the attempt's outputs, and Failed is final (the
 * retry policy's attempts are used up; a failed attempt with retries left waits in Backoff).
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
        if (st == null || st.phase == null) {
            return new Running();
        }
        if (st.phase == TaskPhase.Succeeded && st.outputs != null) {
            return new Done(st.outputs, st.worker);
        }
        if (st.phase == TaskPhase.Failed) {
            return new Failed(st.reason, st.message);
        }
        return new Running();
    }
}
