package io.sealfleet.scheduler;

import io.sealfleet.table.ResourceSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * One worker during a pass: its active and preparing pools (sharing one task counter), its two
 * scheduling windows, and how many tasks of each key it holds in any stage. Windows that hold
 * unstarted tasks from earlier passes are closed; a pass fills only the open ones.
 */
final class WorkerLoad {
    static final int WINDOWS = 2;

    final WorkerNode node;
    final Capacity cap;
    final int tieRank;
    /** Position by utilization before the pass; breaks spread ties the way Lotus's step-1 order does. */
    int initialRank;
    final Pool active = new Pool();
    final Pool preparing = active.sharingCounter();
    final Pool[] windows = {new Pool(), new Pool()};
    final boolean[] open = {true, true};
    private final Map<TaskKey, Integer> onWorker = new HashMap<>();
    int assignedThisPass;
    double utilization;

    WorkerLoad(WorkerNode node, int tieRank) {
        this.node = node;
        this.cap = node.sealingCapacity();
        this.tieRank = tieRank;
    }

    ResourceSpec need(TaskRequest t) {
        return node.table().get(t.type(), t.size());
    }

    void place(PlacedTask p) {
        TaskRequest t = p.task();
        TaskKey key = new TaskKey(t.type(), t.size());
        ResourceSpec need = need(t);
        switch (p.stage()) {
            case RUNNING -> active.add(t.id(), key, need, cap);
            case PREPARING -> preparing.add(t.id(), key, need, cap);
            case ASSIGNED -> {
                int w = firstFit(need);
                if (w < 0) {
                    // More bound than two windows hold (e.g. after a table override): both stay closed.
                    open[0] = false;
                    open[1] = false;
                } else {
                    windows[w].add(t.id(), key, need, cap);
                    open[w] = false;
                }
            }
        }
        onWorker.merge(key, 1, Integer::sum);
    }

    /** First window, in index order, whose pool still takes the task (windows bound earlier first). */
    private int firstFit(ResourceSpec need) {
        for (int i = 0; i < WINDOWS; i++) {
            if (windows[i].checkResources(need, cap) == null) {
                return i;
            }
        }
        return -1;
    }

    int count(TaskKey key) {
        return onWorker.getOrDefault(key, 0);
    }

    boolean hasOpenWindow() {
        return open[0] || open[1];
    }

    /** An open window that takes a task, or why none does. */
    record Fit(int window, Shortfall shortfall) {
    }

    /** The open window that takes the task, or a shortfall naming what the first open window lacks. */
    Fit fitWindow(ResourceSpec need) {
        Shortfall first = null;
        for (int i = 0; i < WINDOWS; i++) {
            if (!open[i]) {
                continue;
            }
            Shortfall s = windows[i].checkResources(need, cap);
            if (s == null) {
                return new Fit(i, null);
            }
            if (first == null) {
                first = new Shortfall(s.code(), s.detail() + " in its open scheduling window");
            }
        }
        return new Fit(-1, first != null ? first
                : new Shortfall(WaitingReasons.WINDOWS_FULL, "both scheduling windows hold tasks that have not started"));
    }

    void assign(TaskRequest t, int window) {
        TaskKey key = new TaskKey(t.type(), t.size());
        windows[window].add(t.id(), key, need(t), cap);
        onWorker.merge(key, 1, Integer::sum);
        assignedThisPass++;
        recomputeUtilization();
    }

    /** Lotus's worker utilization: active + preparing + every window that holds tasks. */
    void recomputeUtilization() {
        double u = active.utilization(cap) + preparing.utilization(cap);
        for (Pool w : windows) {
            if (!w.isEmpty()) {
                u += w.utilization(cap);
            }
        }
        utilization = u;
    }
}
