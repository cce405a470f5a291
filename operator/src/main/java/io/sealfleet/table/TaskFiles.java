package io.sealfleet.table;

import static io.sealfleet.table.FileType.cache;
import static io.sealfleet.table.FileType.sealed;
import static io.sealfleet.table.FileType.unsealed;
import static io.sealfleet.table.FileType.update;
import static io.sealfleet.table.FileType.updateCache;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each task type does with a sector's files: the one table the scheduler (where a task may
 * run, how much space it takes), the worker agent (what it fetches and hands the kernel) and
 * docs/scheduling.md all follow.
 *
 * <p>PreCommit1 allocates the sealed file's space but writes no sealed copy: PreCommit2 encodes the
 * replica from the unsealed file and PreCommit1's layers into that space, so PreCommit2 reads cache
 * + unsealed. Commit2 reads the cache because Commit1 leaves its output there. ReadUnsealed runs where
 * the replica is (sealed + cache, what every sealed sector has and what unsealing needs) and reads the
 * unsealed copy there when one exists; the space it may need to keep a new unsealed copy is claimed
 * on the worker, where it is known whether a copy exists. ProveReplicaUpdate1 reads the sector key
 * (sealed + cache) as well as the update, and RegenSectorKey writes the sector key back into sealed.
 *
 * @param reads        files the kernel reads
 * @param readsIfDeals more files it reads when the sector has deals (Finalize keeps the unsealed copy)
 * @param fetchable    whether a worker that lacks the inputs may fetch them from another worker
 * @param allocates    files it allocates on a sealing ({@code canSeal}) path for its outputs
 * @param movesToStore whether it moves the sector to a long-term ({@code canStore}) path
 */
public record TaskFiles(TaskType type, Set<FileType> reads, Set<FileType> readsIfDeals, boolean fetchable,
                        Set<FileType> allocates, boolean movesToStore) {
    private static final Map<TaskType, TaskFiles> TABLE = table();

    public TaskFiles {
        reads = Collections.unmodifiableSet(reads);
        readsIfDeals = Collections.unmodifiableSet(readsIfDeals);
        allocates = Collections.unmodifiableSet(allocates);
    }

    public static TaskFiles of(TaskType type) {
        return TABLE.get(type);
    }

    /** The files a task of this type reads, for a sector with or without deals. */
    public Set<FileType> inputs(boolean deals) {
        if (!deals || readsIfDeals.isEmpty()) {
            return reads;
        }
        Set<FileType> all = EnumSet.noneOf(FileType.class);
        all.addAll(reads);
        all.addAll(readsIfDeals);
        return Collections.unmodifiableSet(all);
    }

    /** Sealing-path bytes the task allocates for its own outputs. */
    public long allocationBytes(SectorSize size) {
        return sealingBytes(allocates, size);
    }

    /** Sealing-path bytes needed to copy the inputs onto a worker that does not hold them. */
    public long copyBytes(SectorSize size, boolean deals) {
        return sealingBytes(inputs(deals), size);
    }

    /**
     * Long-term bytes a task that moves the sector to storage takes: what it reads, finalized (Finalize:
     * sealed and the small cache, plus unsealed for deal sectors; FinalizeReplicaUpdate adds update and
     * the small update-cache).
     */
    public long finalizedBytes(SectorSize size, boolean deals) {
        long n = 0;
        for (FileType f : inputs(deals)) {
            n += f.finalizedBytes(size);
        }
        return n;
    }

    private static long sealingBytes(Set<FileType> files, SectorSize size) {
        long n = 0;
        for (FileType f : files) {
            n += f.sealingBytes(size);
        }
        return n;
    }

    /** The table as the Markdown that docs/scheduling.md carries. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| Task | Reads | Fetches them from another worker | Allocates on a sealing path | Writes to long-term storage |\n");
        md.append("|---|---|---|---|---|\n");
        for (TaskType t : TaskType.values()) {
            TaskFiles f = of(t);
            String reads = names(f.reads) + (f.readsIfDeals.isEmpty() ? "" : " (+ " + names(f.readsIfDeals) + " with deals)");
            md.append("| ").append(t).append(" | ").append(reads).append(" | ").append(f.fetchable ? "yes" : "no")
                    .append(" | ").append(names(f.allocates)).append(" | ").append(f.movesToStore ? "yes" : "no").append(" |\n");
        }
        return md.toString();
    }

    private static String names(Set<FileType> files) {
        return files.isEmpty() ? "—" : files.stream().map(FileType::name).collect(Collectors.joining(", "));
    }

    private static Map<TaskType, TaskFiles> table() {
        Map<TaskType, TaskFiles> m = new EnumMap<>(TaskType.class);
        for (TaskType t : TaskType.values()) {
            m.put(t, row(t));
        }
        return m;
    }

    private static TaskFiles row(TaskType t) {
        Set<FileType> none = EnumSet.noneOf(FileType.class);
        return switch (t) {
            case AddPiece -> new TaskFiles(t, none, none, false, EnumSet.of(unsealed), false);
            case PreCommit1 -> new TaskFiles(t, EnumSet.of(unsealed), none, true, EnumSet.of(cache, sealed), false);
            case PreCommit2 -> new TaskFiles(t, EnumSet.of(cache, unsealed), none, true, none, false);
            case Commit1 -> new TaskFiles(t, EnumSet.of(cache, sealed), none, false, none, false);
            case Commit2 -> new TaskFiles(t, EnumSet.of(cache), none, true, none, false);
            case Finalize -> new TaskFiles(t, EnumSet.of(cache, sealed), EnumSet.of(unsealed), false, none, true);
            case Unseal -> new TaskFiles(t, EnumSet.of(cache, sealed), none, true, EnumSet.of(unsealed), false);
            case Fetch -> new TaskFiles(t, EnumSet.of(cache, sealed), none, true, none, false);
            case ReadUnsealed -> new TaskFiles(t, EnumSet.of(cache, sealed), none, false, none, false);
            case ReplicaUpdate -> new TaskFiles(t, EnumSet.of(unsealed, sealed, cache), none, true,
                    EnumSet.of(update, updateCache), false);
            case ProveReplicaUpdate1 -> new TaskFiles(t, EnumSet.of(sealed, cache, update, updateCache), none, false, none, false);
            case ProveReplicaUpdate2 -> new TaskFiles(t, EnumSet.of(updateCache), none, true, none, false);
            case RegenSectorKey -> new TaskFiles(t, EnumSet.of(unsealed, update, updateCache, cache), none, true,
                    EnumSet.of(sealed), false);
            case FinalizeReplicaUpdate -> new TaskFiles(t, EnumSet.of(cache, sealed, update, updateCache), EnumSet.of(unsealed),
                    false, none, true);
        };
    }
}
