package io.sealfleet.scheduler;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;

/** The key of the per-worker task counter and of MaxConcurrent: a type at a sector size. */
public record TaskKey(TaskType type, SectorSize size) {
    private static final TaskKey[][] ALL = all();

    /** The shared key of a type and size (keys are compared by value; sharing only saves garbage). */
    public static TaskKey of(TaskType type, SectorSize size) {
        return ALL[type.ordinal()][size.ordinal()];
    }

    private static TaskKey[][] all() {
        TaskKey[][] keys = new TaskKey[TaskType.values().length][SectorSize.values().length];
        for (TaskType t : TaskType.values()) {
            for (SectorSize s : SectorSize.values()) {
                keys[t.ordinal()][s.ordinal()] = new TaskKey(t, s);
            }
        }
        return keys;
    }

    /** The override that limits this key, as users write it: PC1_32G_MAX_CONCURRENT. */
    String limitName() {
        return type.shortName() + "_" + size.envName() + "_MAX_CONCURRENT";
    }
}
