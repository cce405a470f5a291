package io.sealfleet.scheduler;

import static io.sealfleet.table.FileType.cache;
import static io.sealfleet.table.FileType.sealed;
import static io.sealfleet.table.FileType.unsealed;
import static io.sealfleet.table.FileType.update;
import static io.sealfleet.table.FileType.updateCache;

import io.sealfleet.table.FileType;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a task type does with sector files, after Lotus's selectors: the files it reads (and whether
 * it may fetch them from another worker), the files it allocates on a sealing path, and whether it
 * moves the sector to long-term storage.
 */
record TaskStorage(Set<FileType> inputs, boolean fetchable, Set<FileType> allocates, boolean movesToStore) {
    TaskStorage {
        inputs = java.util.Collections.unmodifiableSet(inputs);
        allocates = java.util.Collections.unmodifiableSet(allocates);
    }


    private static final java.util.Map<TaskType, TaskStorage> BY_TYPE = byType();

    static TaskStorage of(TaskType type) {
        return BY_TYPE.get(type);
    }

    private static java.util.Map<TaskType, TaskStorage> byType() {
        java.util.Map<TaskType, TaskStorage> m = new java.util.EnumMap<>(TaskType.class);
        for (TaskType t : TaskType.values()) {
            m.put(t, build(t));
        }
        return m;
    }

    private static TaskStorage build(TaskType type) {
        return switch (type) {
            case AddPiece -> new TaskStorage(EnumSet.noneOf(FileType.class), false, EnumSet.of(unsealed), false);
            case PreCommit1 -> new TaskStorage(EnumSet.of(unsealed), true, EnumSet.of(cache, sealed), false);
            // sealfleet's PreCommit1 writes no sealed copy of the data: PreCommit2 encodes from the unsealed file.
            case PreCommit2 -> new TaskStorage(EnumSet.of(cache, unsealed), true, EnumSet.noneOf(FileType.class), false);
            case Fetch -> new TaskStorage(EnumSet.of(cache, sealed), true, EnumSet.noneOf(FileType.class), false);
            case Commit1 -> new TaskStorage(EnumSet.of(cache, sealed), false, EnumSet.noneOf(FileType.class), false);
            case Finalize -> new TaskStorage(EnumSet.of(cache, sealed), false, EnumSet.noneOf(FileType.class), true);
            case Unseal -> new TaskStorage(EnumSet.of(sealed, cache), true, EnumSet.of(unsealed), false);
            case ReadUnsealed -> new TaskStorage(EnumSet.of(unsealed), false, EnumSet.noneOf(FileType.class), false);
            case ReplicaUpdate -> new TaskStorage(EnumSet.of(unsealed, sealed, cache), true, EnumSet.of(update, updateCache), false);
            case ProveReplicaUpdate1 -> new TaskStorage(EnumSet.of(update, updateCache), false, EnumSet.noneOf(FileType.class), false);
            case RegenSectorKey -> new TaskStorage(EnumSet.of(unsealed, update, updateCache, cache), true,
                    EnumSet.noneOf(FileType.class), false);
            case Commit2, ProveReplicaUpdate2 -> new TaskStorage(EnumSet.noneOf(FileType.class), false,
                    EnumSet.noneOf(FileType.class), false);
        };
    }

    /** Sealing-path bytes the task allocates for its own outputs. */
    long allocationBytes(SectorSize size) {
        long n = 0;
        for (FileType f : allocates) {
            n += f.sealingBytes(size);
        }
        return n;
    }

    /** Sealing-path bytes needed to copy the inputs onto a worker that does not hold them. */
    long copyBytes(SectorSize size) {
        long n = 0;
        for (FileType f : inputs) {
            n += f.sealingBytes(size);
        }
        return n;
    }

    /** Long-term bytes of a finalized sector: sealed and the small cache, plus unsealed for deal sectors. */
    static long finalizedBytes(SectorSize size, boolean keepUnsealed) {
        long n = sealed.finalizedBytes(size) + cache.finalizedBytes(size);
        return keepUnsealed ? n + unsealed.finalizedBytes(size) : n;
    }
}
