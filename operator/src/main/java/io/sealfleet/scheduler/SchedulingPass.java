package io.sealfleet.scheduler;

import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * One pass: place the tasks already on workers, then walk the queue in order and bind each task to
 * the best worker whose open windows, task limits and storage take it.
 *
 * <p>Tasks of one class (type, size, GPU need) see the same workers, and within a pass a worker
 * only fills up; so each class keeps its candidate workers ranked by the assigner and drops a
 * worker for good once it cannot take the class. A class with no candidates left is exhausted and
 * its waiting reason is computed once.
 */
final class SchedulingPass {
    private final ClusterState state;
    private final Comparator<WorkerLoad> order;
    private final List<WorkerLoad> loads = new ArrayList<>();
    private final Map<String, WorkerLoad> byName = new HashMap<>();
    private final StorageLedger ledger;
    private final SectorIndex index;
    private final Map<ClassKey, CandidateClass> classes = new HashMap<>();
    private final Map<WorkerLoad, List<CandidateClass>> memberships = new HashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<Waiting> waiting = new ArrayList<>();

    SchedulingPass(ClusterState state, Assigner assigner, RandomGenerator tieBreak) {
        this.state = state;
        this.order = assigner.order();
        this.ledger = new StorageLedger(state.workers());
        this.index = new SectorIndex(state);
        List<WorkerNode> nodes = new ArrayList<>(state.workers());
        nodes.sort(Comparator.comparing(WorkerNode::name));
        int[] ranks = tieRanks(nodes.size(), tieBreak);
        for (int i = 0; i < nodes.size(); i++) {
            WorkerLoad w = new WorkerLoad(nodes.get(i), ranks[i]);
            loads.add(w);
            byName.put(w.node.name(), w);
            memberships.put(w, new ArrayList<>());
        }
    }

    private static int[] tieRanks(int n, RandomGenerator random) {
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = ranks[i];
                ranks[i] = ranks[j];
                ranks[j] = t;
            }
        }
        return ranks;
    }

    SchedulingPlan run() {
        List<PlacedTask> placed = new ArrayList<>(state.placed());
        placed.sort(Comparator.comparing(PlacedTask::task, QueueOrder.INSTANCE));
        for (PlacedTask p : placed) {
            WorkerLoad w = byName.get(p.worker());
            if (w != null) {
                w.place(p);
                reservePlaced(w, p);
            }
        }
        for (WorkerLoad w : loads) {
            w.recomputeUtilization();
        }
        List<WorkerLoad> ranked = new ArrayList<>(loads);
        ranked.sort(Comparator.<WorkerLoad>comparingDouble(w -> w.utilization).thenComparingInt(w -> w.tieRank));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).initialRank = i;
        }

        List<TaskRequest> queue = new ArrayList<>(state.queue());
        queue.sort(QueueOrder.INSTANCE);
        for (TaskRequest t : queue) {
            if (t.blockedBy() != null) {
                waiting.add(new Waiting(t.id(), WaitingReasons.WAITING_FOR_INPUT, t.label() + ": " + t.blockedBy()));
            } else {
                schedule(t);
            }
        }
        return new SchedulingPlan(List.copyOf(assignments), List.copyOf(waiting));
    }

    /** Space of tasks already on the worker stays reserved on the path they allocated on. */
    private void reservePlaced(WorkerLoad w, PlacedTask p) {
        TaskStorage ts = TaskStorage.of(p.task().type());
        long bytes = ts.allocationBytes(p.task().size());
        if (bytes == 0) {
            return;
        }
        String pathId = p.pathId();
        if (pathId == null) {
            StoragePath best = ledger.choose(w.node, 0, StoragePath::canSeal);
            pathId = best == null ? null : best.id();
        }
        ledger.reserve(pathId, bytes);
    }

    private void schedule(TaskRequest t) {
        TaskStorage ts = TaskStorage.of(t.type());
        List<SectorLocation> sources = index.sources(t.sector(), ts.inputs());
        CandidateClass cls = candidateClass(t);
        if (sources.isEmpty()) {
            scheduleAnywhere(t, cls);
        } else {
            scheduleNearData(t, ts, sources, cls);
        }
    }

    /** No known location for the task's inputs: any candidate of its class. */
    private void scheduleAnywhere(TaskRequest t, CandidateClass cls) {
        if (cls.exhausted == null) {
            for (Iterator<WorkerLoad> it = cls.candidates.iterator(); it.hasNext(); ) {
                WorkerLoad w = it.next();
                Shortfall s = tryPlace(t, w, false, null);
                if (s == null) {
                    return;
                }
                it.remove();
                forget(cls, w, s);
            }
            cls.exhausted = WaitingReasons.render(t, null, cls.reasons());
        }
        waiting.add(new Waiting(t.id(), cls.exhausted.code(), cls.exhausted.reason()));
    }

    /**
     * Inputs on known workers: the holders come first (no copy); when none of them can take the
     * task in this pass, another candidate may, if the task can fetch and storage groups allow it.
     */
    private void scheduleNearData(TaskRequest t, TaskStorage ts, List<SectorLocation> sources, CandidateClass cls) {
        Set<String> holders = index.holders(sources);
        boolean copyOnly = t.type() == TaskType.Fetch;
        Map<String, Shortfall> why = new TreeMap<>();
        if (!copyOnly) {
            List<WorkerLoad> preferred = new ArrayList<>();
            for (String name : holders) {
                WorkerLoad w = byName.get(name);
                Shortfall s = cls.staticShortfall.get(w);
                if (s != null) {
                    why.put(name, s);
                } else {
                    preferred.add(w);
                }
            }
            preferred.sort(order);
            for (WorkerLoad w : preferred) {
                Shortfall s = tryPlace(t, w, false, null);
                if (s == null) {
                    return;
                }
                why.put(w.node.name(), s);
            }
        }
        String prefix = "sector files on " + String.join(", ", holders);
        if (ts.fetchable()) {
            Set<String> allowed = index.allowedTargets(sources);
            for (Iterator<WorkerLoad> it = cls.candidates.iterator(); it.hasNext(); ) {
                WorkerLoad w = it.next();
                if (holders.contains(w.node.name())) {
                    continue;
                }
                Shortfall s = tryPlace(t, w, true, allowed);
                if (s == null) {
                    return;
                }
                if (isClassWide(s)) {
                    it.remove();
                    forget(cls, w, s);
                }
                why.put(w.node.name(), s);
            }
            for (WaitingReasons.Entry e : cls.reasons()) {
                if (!holders.contains(e.worker())) {
                    why.putIfAbsent(e.worker(), e.shortfall());
                }
            }
        } else {
            prefix += " (" + t.type() + " runs only where they are)";
        }
        List<WaitingReasons.Entry> entries = new ArrayList<>();
        why.forEach((name, s) -> entries.add(new WaitingReasons.Entry(name, s)));
        waiting.add(WaitingReasons.render(t, prefix, entries));
    }

    private static boolean isClassWide(Shortfall s) {
        return !s.code().equals(WaitingReasons.GROUPS_FORBID) && !s.code().equals("InsufficientStorage");
    }

    /**
     * Checks the pass-dependent rules on one worker (task limit, storage, an open window) and binds
     * the task when all pass.
     *
     * @param copy    the inputs are elsewhere and must be copied onto this worker
     * @param allowed groups the inputs may be copied to (null: anywhere)
     * @return null when bound, else why not
     */
    private Shortfall tryPlace(TaskRequest t, WorkerLoad w, boolean copy, Set<String> allowed) {
        ResourceSpec need = w.need(t);
        TaskKey key = new TaskKey(t.type(), t.size());
        if (need.maxConcurrent() > 0 && w.count(key) >= need.maxConcurrent()) {
            return new Shortfall("MaxConcurrentReached", key.limitName() + "=" + need.maxConcurrent() + " reached");
        }
        TaskStorage ts = TaskStorage.of(t.type());
        StoragePath path = null;
        long bytes;
        if (ts.movesToStore()) {
            bytes = TaskStorage.finalizedBytes(t.size(), t.deals() > 0);
            path = ledger.choose(w.node, bytes, StoragePath::canStore);
            if (path == null) {
                return new Shortfall("InsufficientStorage", ledger.shortage(w.node, bytes, StoragePath::canStore, "long-term (canStore)"));
            }
        } else {
            bytes = ts.allocationBytes(t.size()) + (copy ? ts.copyBytes(t.size()) : 0);
            if (bytes > 0 || allowed != null) {
                path = ledger.choose(w.node, bytes, p -> p.canSeal() && SectorIndex.permits(allowed, p));
                if (path == null) {
                    if (allowed != null && w.node.paths().stream().noneMatch(p -> p.canSeal() && SectorIndex.permits(allowed, p))) {
                        return new Shortfall(WaitingReasons.GROUPS_FORBID, "allowTo " + String.join(", ", allowed));
                    }
                    return new Shortfall("InsufficientStorage", ledger.shortage(w.node, bytes, StoragePath::canSeal, "sealing (canSeal)"));
                }
            }
        }
        WorkerLoad.Fit fit = w.fitWindow(need);
        if (fit.shortfall() != null) {
            return fit.shortfall();
        }
        if (path != null) {
            ledger.reserve(path.id(), bytes);
        }
        List<CandidateClass> in = memberships.get(w);
        for (CandidateClass c : in) {
            c.candidates.remove(w);
        }
        w.assign(t, fit.window());
        for (CandidateClass c : in) {
            c.candidates.add(w);
        }
        assignments.add(new Assignment(t.id(), w.node.name(), path == null ? null : path.id()));
        return null;
    }

    /** After the caller took the worker out of the class's candidates: remember why. */
    private void forget(CandidateClass cls, WorkerLoad w, Shortfall s) {
        memberships.get(w).remove(cls);
        cls.dropped.put(w.node.name(), s);
    }

    private CandidateClass candidateClass(TaskRequest t) {
        ClassKey key = new ClassKey(t.type(), t.size(), t.gpu());
        CandidateClass cls = classes.get(key);
        if (cls != null) {
            return cls;
        }
        cls = new CandidateClass(new TreeSet<>(order));
        for (WorkerLoad w : loads) {
            Shortfall s = staticShortfall(t, w);
            if (s != null) {
                cls.staticShortfall.put(w, s);
            } else {
                cls.candidates.add(w);
                memberships.get(w).add(cls);
            }
        }
        classes.put(key, cls);
        return cls;
    }

    /** Rules that do not change within a pass: readiness, task types, prover, GPU, and fit on the idle worker. */
    private static Shortfall staticShortfall(TaskRequest t, WorkerLoad w) {
        WorkerNode n = w.node;
        if (n.notReady() != null) {
            return new Shortfall(WaitingReasons.NOT_READY, n.notReady());
        }
        if (!n.enabled().contains(t.type())) {
            return new Shortfall(WaitingReasons.TYPE_DISABLED, "lacks " + t.type());
        }
        if (!n.accepts(t.type())) {
            return new Shortfall(WaitingReasons.PAUSED, "paused");
        }
        if (t.type().needsProver() && !n.hasProver()) {
            return new Shortfall(WaitingReasons.NO_PROVER, "no external prover");
        }
        if (t.gpu() != null && !t.gpu().satisfiedBy(w.cap)) {
            return new Shortfall(WaitingReasons.NO_GPU, "lacks " + t.gpu().describe());
        }
        return new Pool().checkResources(w.need(t), w.cap);
    }

    private record ClassKey(TaskType type, io.sealfleet.table.SectorSize size, GpuNeed gpu) {
    }

    /** The workers that may take a class of tasks, best first, and why the others cannot. */
    private static final class CandidateClass {
        final TreeSet<WorkerLoad> candidates;
        final Map<WorkerLoad, Shortfall> staticShortfall = new HashMap<>();
        final Map<String, Shortfall> dropped = new TreeMap<>();
        Waiting exhausted;

        CandidateClass(TreeSet<WorkerLoad> candidates) {
            this.candidates = candidates;
        }

        List<WaitingReasons.Entry> reasons() {
            List<WaitingReasons.Entry> out = new ArrayList<>();
            staticShortfall.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getKey().node.name()))
                    .forEach(e -> out.add(new WaitingReasons.Entry(e.getKey().node.name(), e.getValue())));
            dropped.forEach((name, s) -> out.add(new WaitingReasons.Entry(name, s)));
            return out;
        }
    }
}
