package io.sealfleet.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns each worker's shortfall for a task into one line a person can act on. Reasons that many
 * workers share are counted ("2 workers lack PreCommit1"); reasons with figures are listed per
 * worker ("w1: needs 56 GiB free RAM, has 40 GiB"), a few at most.
 */
final class WaitingReasons {
    static final String NOT_READY = "WorkerNotReady";
    static final String TYPE_DISABLED = "TaskTypeDisabled";
    static final String PAUSED = "WorkerPaused";
    static final String NO_PROVER = "NoExternalProver";
    static final String NO_GPU = "NoMatchingGpu";
    static final String WINDOWS_FULL = "WindowsFull";
    static final String GROUPS_FORBID = "StorageGroupsForbidCopy";
    static final String NO_WORKERS = "NoWorkers";
    static final String WAITING_FOR_INPUT = "WaitingForInput";
    private static final int LISTED = 5;

    private WaitingReasons() {
    }

    /** A shortfall of one worker. */
    record Entry(String worker, Shortfall shortfall) {
    }

    static Waiting render(TaskRequest task, String prefix, List<Entry> entries) {
        if (entries.isEmpty()) {
            return new Waiting(task.id(), NO_WORKERS, task.label() + ": no SealingWorkers");
        }
        Map<String, List<Entry>> counted = new LinkedHashMap<>();
        for (String code : List.of(NOT_READY, TYPE_DISABLED, PAUSED, NO_PROVER, NO_GPU, WINDOWS_FULL, GROUPS_FORBID)) {
            counted.put(code, new ArrayList<>());
        }
        Map<String, Entry> listed = new TreeMap<>();
        for (Entry e : entries) {
            List<Entry> bucket = counted.get(e.shortfall().code());
            if (bucket != null) {
                bucket.add(e);
            } else {
                listed.putIfAbsent(e.worker(), e);
            }
        }
        List<String> parts = new ArrayList<>();
        if (prefix != null) {
            parts.add(prefix);
        }
        String code = null;
        int biggest = 0;
        for (Map.Entry<String, List<Entry>> c : counted.entrySet()) {
            List<Entry> bucket = c.getValue();
            if (bucket.isEmpty()) {
                continue;
            }
            parts.add(phrase(c.getKey(), bucket, task));
            if (bucket.size() > biggest) {
                biggest = bucket.size();
                code = c.getKey();
            }
        }
        int shown = 0;
        for (Entry e : listed.values()) {
            if (shown == 0) {
                code = e.shortfall().code();
            }
            if (shown == LISTED) {
                parts.add("and " + (listed.size() - LISTED) + " more workers short of resources");
                break;
            }
            parts.add(e.worker() + ": " + e.shortfall().detail());
            shown++;
        }
        return new Waiting(task.id(), code, task.label() + ": " + String.join("; ", parts));
    }

    private static String phrase(String code, List<Entry> bucket, TaskRequest task) {
        int n = bucket.size();
        String workers = n == 1 ? "1 worker" : n + " workers";
        return switch (code) {
            case NOT_READY -> workers + (n == 1 ? " is" : " are") + " not ready (" + names(bucket, true) + ")";
            case TYPE_DISABLED -> workers + (n == 1 ? " lacks " : " lack ") + task.type();
            case PAUSED -> workers + (n == 1 ? " is" : " are") + " paused (" + names(bucket, false) + ")";
            case NO_PROVER -> workers + (n == 1 ? " has" : " have") + " no external prover for " + task.type()
                    + " (spec.externalProver)";
            case NO_GPU -> workers + (n == 1 ? " lacks " : " lack ") + task.gpu().describe();
            case WINDOWS_FULL -> workers + (n == 1 ? " has" : " have")
                    + " both scheduling windows holding tasks that have not started (" + names(bucket, false) + ")";
            case GROUPS_FORBID -> workers + (n == 1 ? " is" : " are") + " outside the groups the sector may be copied to: "
                    + bucket.get(0).shortfall().detail();
            default -> throw new IllegalStateException(code);
        };
    }

    private static String names(List<Entry> bucket, boolean withDetail) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bucket.size() && i < LISTED; i++) {
            Entry e = bucket.get(i);
            out.add(withDetail ? e.worker() + ": " + e.shortfall().detail() : e.worker());
        }
        if (bucket.size() > LISTED) {
            out.add("…");
        }
        return String.join(", ", out);
    }
}
