package io.sealfleet.scheduler;

import io.sealfleet.table.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Free space per storage path during one pass. Space is reserved when a task is bound, so one pass
 * never promises the same bytes twice; a path shared by several workers is one entry.
 */
final class StorageLedger {
    private final Map<String, Integer> slot = new HashMap<>();
    private long[] free = new long[16];

    StorageLedger(List<WorkerNode> workers) {
        for (WorkerNode w : workers) {
            for (StoragePath p : w.paths()) {
                Integer i = slot.get(p.id());
                if (i == null) {
                    i = slot.size();
                    slot.put(p.id(), i);
                    if (i == free.length) {
                        free = java.util.Arrays.copyOf(free, free.length * 2);
                    }
                    free[i] = p.availableBytes();
                } else {
                    free[i] = Math.min(free[i], p.availableBytes());
                }
            }
        }
    }

    long free(String pathId) {
        Integer i = slot.get(pathId);
        return i == null ? 0 : free[i];
    }

    void reserve(String pathId, long bytes) {
        Integer i = pathId == null ? null : slot.get(pathId);
        if (bytes > 0 && i != null && free[i] != Long.MAX_VALUE) {
            free[i] -= bytes;
        }
    }

    /**
     * The worker's best path for an allocation: among its paths that pass the filter and have the
     * bytes free, the one with the most free space × weight (Lotus's ranking), then the lowest ID.
     */
    StoragePath choose(WorkerNode w, long bytes, Predicate<StoragePath> filter) {
        StoragePath best = null;
        double bestScore = -1;
        for (StoragePath p : w.paths()) {
            if (!filter.test(p)) {
                continue;
            }
            long f = free(p.id());
            if (f < bytes) {
                continue;
            }
            double score = (double) f * Math.max(p.weight(), 0);
            if (best == null || score > bestScore || (score == bestScore && p.id().compareTo(best.id()) < 0)) {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }

    /** Explains a failed {@link #choose}: "needs 483.2 GiB on a sealing path, largest free 300 GiB". */
    String shortage(WorkerNode w, long bytes, Predicate<StoragePath> filter, String kind) {
        long largest = -1;
        for (StoragePath p : w.paths()) {
            if (filter.test(p)) {
                largest = Math.max(largest, free(p.id()));
            }
        }
        if (largest < 0) {
            return "has no " + kind + " path";
        }
        return "needs " + Bytes.format(bytes) + " on a " + kind + " path, largest free " + Bytes.format(largest);
    }
}
