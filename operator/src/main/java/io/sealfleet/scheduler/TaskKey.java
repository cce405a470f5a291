package io.sealfleet.scheduler;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;

/** The key of the per-worker task counter and of MaxConcurrent: a type at a sector size. */
public record TaskKey(TaskType type, SectorSize size) {
    /** The override that limits this key, as users write it: PC1_32G_MAX_CONCURRENT. */
    String limitName() {
        return type.shortName() + "_" + size.envName() + "_MAX_CONCURRENT";
    }
}
