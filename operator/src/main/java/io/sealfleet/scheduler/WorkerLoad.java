package io.sealfleet.scheduler;

import io.sealfleet.table.ResourceSpec;

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
    /** Position in the pass's worker list (name order); indexes per-class membership arrays. */
    final int index;
    /** Position by utilization before the pass; breaks spread ties the way Lotus's step-1 order does. */
    int initialRank;
    final Pool active = new Pool();
    final Pool preparing = active.sharingCounter();
    final Pool[] windows = {Pool.window(), Pool.window()};
    final boolean[] open = {true, true};
    /** Tasks on the worker in any stage, by [type][size]. */
    private final int[][] onWorker = new int[io.sealfleet.table.TaskType.values().length][io.sealfleet.table.SectorSize.values().length];
    int assignedThisPass;
    double utilization;
    /** Bumped whenever the rank key (utilization, assignedThisPass) changes. */
    int version;

    WorkerLoad(WorkerNode node, int tieRank, int index) {
        this.node = node;
        this.cap = node.sealingCapacity();
        this.tieRank = tieRank;
        this.index = index;
    }

    ResourceSpec need(TaskRequest t) {
        return node.table().get(t.type(), t.size());
    }

    void place(PlacedTask p) {
        TaskRequest t = p.task();
        TaskKey key = TaskKey.of(t.type(), t.size());
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
        onWorker[key.type().ordinal()][key.size().ordinal()]++;
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
        return onWorker[key.type().ordinal()][key.size().ordinal()];
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
                first = new Shortfall(s.code(), () -> s.detail() + " in its open scheduling window");
            }
        }
        return new Fit(-1, first != null ? first
                : new Shortfall(WaitingCode.WindowsFull, "both scheduling windows hold tasks that have not started"));
    }

    void assign(TaskRequest t, int window) {
        TaskKey key = TaskKey.of(t.type(), t.size());
        windows[window].add(t.id(), key, need(t), cap);
        onWorker[key.type().ordinal()][key.size().ordinal()]++;
        assignedThisPass++;
        recomputeUtilization();
        version++;
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
