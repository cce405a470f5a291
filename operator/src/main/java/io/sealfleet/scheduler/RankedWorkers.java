package io.sealfleet.scheduler;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Workers in the assigner's order, kept by one class of tasks. Assignments only raise a worker's
 * rank key within a pass, so entries are re-keyed lazily: a stale entry is corrected when it
 * reaches the head, and the first fresh head is the true best. Removal is lazy too. Classes that
 * are not looked at pay nothing for other classes' assignments.
 */
final class RankedWorkers {
    /** A worker's rank key as of {@code version}. */
    record Slot(double utilization, int assigned, int initialRank, int tieRank, WorkerLoad worker, int version) {
        static Slot of(WorkerLoad w) {
            return new Slot(w.utilization, w.assignedThisPass, w.initialRank, w.tieRank, w, w.version);
        }
    }

    private final PriorityQueue<Slot> heap;
    /** The live slot of each worker, by index; null when the worker is not in the set. */
    private final Slot[] live;

    RankedWorkers(Comparator<Slot> order, int workers) {
        this.heap = new PriorityQueue<>(Math.max(1, workers), order);
        this.live = new Slot[workers];
    }

    void add(WorkerLoad w) {
        if (live[w.index] == null) {
            Slot s = Slot.of(w);
            live[w.index] = s;
            heap.add(s);
        }
    }

    void remove(WorkerLoad w) {
        live[w.index] = null;
    }

    /** The best worker, or null when none is left. */
    WorkerLoad first() {
        while (!heap.isEmpty()) {
            Slot s = heap.peek();
            WorkerLoad w = s.worker();
            if (live[w.index] != s) {
                heap.poll();
            } else if (s.version() == w.version) {
                return w;
            } else {
                heap.poll();
                Slot fresh = Slot.of(w);
                live[w.index] = fresh;
                heap.add(fresh);
            }
        }
        return null;
    }
}
