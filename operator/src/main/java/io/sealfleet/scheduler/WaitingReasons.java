package io.sealfleet.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns each worker's shortfall for a task into one line a person can act on. Reasons that many
 * workers share are counted ("2 workers lack PreCommit1"); reasons with figures are listed per
 * worker ("w1: needs 56 GiB free RAM, has 40 GiB"), five at most, in name order.
 */
final class WaitingReasons {
    /** Reasons many workers share, counted rather than listed; on a tie the later one wins. */
    private static final List<WaitingCode> COUNTED = List.of(WaitingCode.WorkerNotReady, WaitingCode.TaskTypeDisabled,
            WaitingCode.WorkerPaused, WaitingCode.NoExternalProver,
            WaitingCode.ProverNotInstalled, WaitingCode.WorkerCannotRun, WaitingCode.NoMatchingGpu, WaitingCode.WindowsFull,
            WaitingCode.StorageGroupsForbidCopy);
    private static final int LISTED = 5;

    private WaitingReasons() {
    }

    /** A shortfall of one worker, or of {@code count} unnamed workers (worker null). */
    record Entry(String worker, Shortfall shortfall, int count) {
        Entry(String worker, Shortfall shortfall) {
            this(worker, shortfall, 1);
        }

        Entry(int count, Shortfall shortfall) {
            this(null, shortfall, count);
        }
    }

    /** Rendered phrases of a set of shortfalls, and the code of the one that matters most. */
    record Summary(List<String> parts, WaitingCode code) {
        static final Summary EMPTY = new Summary(List.of(), null);
    }

    /**
     * Shortfalls collected one by one; keeps counts and the first names only, so rendering costs
     * the same for 5 workers or 5,000.
     */
    static final class Tally {
        private final Map<WaitingCode, Bucket> counted = new LinkedHashMap<>();
        private final TreeMap<String, Shortfall> listed = new TreeMap<>();
        private int listedTotal;
        private Summary rendered;

        Tally() {
            for (WaitingCode code : COUNTED) {
                counted.put(code, new Bucket());
            }
        }

        void add(Entry e) {
            if (e.count() == 0) {
                return;
            }
            rendered = null;
            Bucket b = counted.get(e.shortfall().code());
            if (b != null) {
                b.n += e.count();
                if (e.worker() != null) {
                    keepFirst(b.first, e.worker(), e.shortfall());
                } else if (b.unnamed == null) {
                    b.unnamed = e.shortfall();
                }
            } else {
                listedTotal++;
                keepFirst(listed, e.worker(), e.shortfall());
            }
        }

        private static void keepFirst(TreeMap<String, Shortfall> m, String name, Shortfall s) {
            if (m.size() > LISTED && name.compareTo(m.lastKey()) > 0) {
                return;
            }
            m.putIfAbsent(name, s);
            if (m.size() > LISTED + 1) {
                m.pollLastEntry();
            }
        }

        Summary summary(TaskRequest task) {
            if (rendered != null) {
                return rendered;
            }
            List<String> parts = new ArrayList<>();
            WaitingCode code = null;
            int biggest = 0;
            for (Map.Entry<WaitingCode, Bucket> c : counted.entrySet()) {
                Bucket b = c.getValue();
                if (b.n == 0) {
                    continue;
                }
                parts.add(phrase(c.getKey(), b, task));
                // On a tie the later, more specific reason wins (groups over a missing task type).
                if (b.n >= biggest) {
                    biggest = b.n;
                    code = c.getKey();
                }
            }
            int shown = 0;
            for (Map.Entry<String, Shortfall> e : listed.entrySet()) {
                if (shown == 0) {
                    code = e.getValue().code();
                }
                if (shown == LISTED) {
                    parts.add("and " + (listedTotal - LISTED) + " more workers short of resources");
                    break;
                }
                parts.add(e.getKey() + ": " + e.getValue().detail());
                shown++;
            }
            rendered = new Summary(List.copyOf(parts), code);
            return rendered;
        }
    }

    private static final class Bucket {
        int n;
        final TreeMap<String, Shortfall> first = new TreeMap<>();
        Shortfall unnamed;

        Shortfall any() {
            return first.isEmpty() ? unnamed : first.firstEntry().getValue();
        }
    }

    static Waiting render(TaskRequest task, String prefix, List<Entry> entries) {
        return combine(task, prefix, summarize(task, entries), Summary.EMPTY);
    }

    static Summary summarize(TaskRequest task, List<Entry> entries) {
        Tally t = new Tally();
        entries.forEach(t::add);
        return t.summary(task);
    }

    /** One line: the task's label, the prefix, then each summary's phrases in order. */
    static Waiting combine(TaskRequest task, String prefix, Summary first, Summary second) {
        List<String> parts = new ArrayList<>();
        if (prefix != null) {
            parts.add(prefix);
        }
        parts.addAll(first.parts());
        parts.addAll(second.parts());
        WaitingCode code = first.code() != null ? first.code() : second.code();
        if (code == null) {
            return new Waiting(task.id(), WaitingCode.NoWorkers, task.label() + ": " + (prefix == null ? "no SealingWorkers" : prefix));
        }
        return new Waiting(task.id(), code, task.label() + ": " + String.join("; ", parts));
    }

    private static String phrase(WaitingCode code, Bucket b, TaskRequest task) {
        int n = b.n;
        String workers = n == 1 ? "1 worker" : n + " workers";
        return switch (code) {
            case WorkerNotReady -> workers + (n == 1 ? " is" : " are") + " not ready (" + names(b, true) + ")";
            case TaskTypeDisabled -> workers + (n == 1 ? " lacks " : " lack ") + task.type();
            case WorkerPaused -> workers + (n == 1 ? " is" : " are") + " paused (" + names(b, false) + ")";
            case NoExternalProver -> workers + (n == 1 ? " has" : " have") + " no external prover for " + task.type()
                    + " (spec.externalProver)";
            case ProverNotInstalled, WorkerCannotRun -> n == 1
                    ? (b.first.isEmpty() ? "1 worker" : "worker " + b.first.firstKey()) + " cannot run " + task.type() + ": " + b.any().detail()
                    : workers + " cannot run " + task.type() + " (" + names(b, true) + ")";
            case NoMatchingGpu -> workers + (n == 1 ? " lacks " : " lack ") + task.gpu().describe();
            case WindowsFull -> workers + (n == 1 ? " has" : " have")
                    + " both scheduling windows holding tasks that have not started (" + names(b, false) + ")";
            case StorageGroupsForbidCopy -> workers + (n == 1 ? " is" : " are") + " outside the groups the sector may be copied to: "
                    + b.any().detail();
            default -> throw new IllegalStateException(code.name());
        };
    }

    private static String names(Bucket b, boolean withDetail) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Shortfall> e : b.first.entrySet()) {
            if (out.size() == LISTED) {
                out.add("…");
                break;
            }
            out.add(withDetail ? e.getKey() + ": " + e.getValue().detail() : e.getKey());
        }
        return String.join(", ", out);
    }
}
