package io.sealfleet.scheduler;

import io.sealfleet.table.FileType;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskFiles;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One pass: place the tasks already on workers, then walk the queue in order and bind each task to
 * the best worker whose open windows, task limits and storage take it.
 *
 * <p>Within a pass a worker only fills up, so a worker that cannot take a class of tasks (type,
 * size, GPU need) never will later in the pass. Each class therefore keeps its candidates ranked
 * by the assigner (see {@link RankedWorkers}) and a tally of why the others were dropped. A class
 * with no candidates left is exhausted and its waiting reason is computed once. Copies of a sector to another worker are tracked per class and
 * allowTo set in the same way, so each worker is tried at most once as a copy target.
 */
final class SchedulingPass {
    private final ClusterState state;
    private final Comparator<WorkerLoad> order;
    private final List<WorkerLoad> loads = new ArrayList<>();
    private final Map<String, WorkerLoad> byName = new HashMap<>();
    private final Comparator<RankedWorkers.Slot> slotOrder;
    /** Commit2 and ProveReplicaUpdate2 go to the worker with the fewest enabled task types first, as Lotus's task selector. */
    private final Comparator<RankedWorkers.Slot> proverOrder;
    private final int[] profileOf;
    private final StorageLedger ledger;
    private final SectorIndex index;
    private final Map<ClassKey, CandidateClass> classes = new HashMap<>();
    private final Map<Set<String>, List<WorkerLoad>> permittedByGroups = new HashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<Waiting> waiting = new ArrayList<>();

    SchedulingPass(ClusterState state, Assigner assigner, RandomGenerator tieBreak) {
        this.state = state;
        this.order = assigner.order();
        this.slotOrder = assigner.slotOrder();
        this.proverOrder = fewerTypesFirst(slotOrder);
        this.ledger = new StorageLedger(state.workers());
        this.index = new SectorIndex(state);
        List<WorkerNode> nodes = new ArrayList<>(state.workers());
        nodes.sort(Comparator.comparing(WorkerNode::name));
        int[] ranks = tieRanks(nodes.size(), tieBreak);
        Map<Profile, Integer> profiles = new HashMap<>();
        profileOf = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            WorkerLoad w = new WorkerLoad(nodes.get(i), ranks[i], i);
            loads.add(w);
            byName.put(w.node.name(), w);
            profileOf[i] = profiles.computeIfAbsent(Profile.of(w), k -> profiles.size());
        }
        profileCount = profiles.size();
    }

    private final int profileCount;

    /** What the static rules look at; workers with equal profiles get the same verdict. */
    private record Profile(Capacity cap, Set<TaskType> enabled, boolean paused, boolean prover, String notReady,
                           io.sealfleet.table.ResourceTable table, Abilities abilities) {
        static Profile of(WorkerLoad w) {
            WorkerNode n = w.node;
            return new Profile(w.cap, n.enabled(), n.paused(), n.hasProver(), n.notReady(), n.table(), n.abilities());
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
        List<WorkerLoad> byUtilization = new ArrayList<>(loads);
        byUtilization.sort(Comparator.<WorkerLoad>comparingDouble(w -> w.utilization).thenComparingInt(w -> w.tieRank));
        for (int i = 0; i < byUtilization.size(); i++) {
            byUtilization.get(i).initialRank = i;
        }

        List<TaskRequest> queue = new ArrayList<>(state.queue());
        queue.sort(QueueOrder.INSTANCE);
        for (TaskRequest t : queue) {
            if (t.blockedBy() != null) {
                waiting.add(new Waiting(t.id(), WaitingCode.WaitingForInput, t.label() + ": " + t.blockedBy()));
            } else {
                schedule(t);
            }
        }
        return new SchedulingPlan(List.copyOf(assignments), List.copyOf(waiting));
    }

    /** Space of tasks already on the worker stays reserved on the path they allocated on. */
    private void reservePlaced(WorkerLoad w, PlacedTask p) {
        long bytes = TaskFiles.of(p.task().type()).allocationBytes(p.task().size());
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
        Set<FileType> inputs = TaskFiles.of(t.type()).inputs(t.deals() > 0);
        List<SectorLocation> sources = index.sources(t.sector(), inputs);
        CandidateClass cls = candidateClass(t);
        if (sources.isEmpty()) {
            scheduleAnywhere(t, cls);
        } else {
            scheduleNearData(t, inputs, sources, cls);
        }
    }

    /** No known location for the task's inputs: the best candidate of its class. */
    private void scheduleAnywhere(TaskRequest t, CandidateClass cls) {
        if (cls.exhausted == null) {
            for (WorkerLoad w = cls.ranked.first(); w != null; w = cls.ranked.first()) {
                Shortfall s = tryPlace(t, w, false, null);
                if (s == null) {
                    return;
                }
                cls.drop(w, s);
            }
            cls.exhausted = WaitingReasons.combine(t, null, cls.summary(t), WaitingReasons.Summary.EMPTY);
        }
        waiting.add(new Waiting(t.id(), cls.exhausted.code(), cls.exhausted.reason()));
    }

    /**
     * Inputs on known workers: the holders come first (no copy); when none of them can take the
     * task in this pass, another candidate may, if the task can fetch and storage groups allow it.
     */
    private void scheduleNearData(TaskRequest t, Set<FileType> inputs, List<SectorLocation> sources, CandidateClass cls) {
        TaskFiles ts = TaskFiles.of(t.type());
        SectorIndex.Holders held = index.holders(sources, inputs);
        Set<String> holders = held.workers();
        if (!ts.fetchable() && !held.complete()) {
            // Runs only where its data is, and no worker reports all of it yet (a copy in flight,
            // or a report still to come): binding it to a worker with part of it would fail there.
            waiting.add(new Waiting(t.id(), WaitingCode.WaitingForInput, t.label() + ": no worker reports all of its "
                    + "input files " + inputs + " yet (some are on " + String.join(", ", holders) + ")"));
            return;
        }
        List<WaitingReasons.Entry> entries = new ArrayList<>();
        if (t.type() != TaskType.Fetch) {
            List<WorkerLoad> preferred = new ArrayList<>();
            for (String name : holders) {
                WorkerLoad w = byName.get(name);
                Shortfall s = cls.shortfall(w);
                if (s != null) {
                    entries.add(new WaitingReasons.Entry(name, s));
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
                if (isClassWide(s)) {
                    cls.drop(w, s);
                }
                entries.add(new WaitingReasons.Entry(w.node.name(), s));
            }
        }
        String prefix = "sector files on " + String.join(", ", holders);
        if (!ts.fetchable()) {
            waiting.add(WaitingReasons.render(t, prefix + " (" + t.type() + " runs only where they are)", entries));
            return;
        }
        Set<String> allowed = index.allowedTargets(sources);
        CopyTargets copy = cls.copyTargets(allowed, allowed == null ? loads : permitted(allowed));
        if (tryCopyTargets(t, cls, copy, holders, allowed)) {
            return;
        }
        if (allowed == null) {
            List<WaitingReasons.Entry> own = new ArrayList<>();
            for (WaitingReasons.Entry e : entries) {
                if (!cls.explains(byName.get(e.worker()))) {
                    own.add(e);
                }
            }
            waiting.add(WaitingReasons.combine(t, prefix, WaitingReasons.summarize(t, own), cls.summary(t)));
            return;
        }
        List<WorkerLoad> targets = permitted(allowed);
        int holdersOutside = 0;
        for (String h : holders) {
            if (!targets.contains(byName.get(h))) {
                holdersOutside++;
            }
        }
        for (WorkerLoad w : targets) {
            if (!holders.contains(w.node.name())) {
                entries.add(new WaitingReasons.Entry(w.node.name(), copy.shortfall(cls, w)));
            }
        }
        int outside = loads.size() - targets.size() - holdersOutside;
        entries.add(new WaitingReasons.Entry(outside,
                new Shortfall(WaitingCode.StorageGroupsForbidCopy, "allowTo " + String.join(", ", allowed))));
        waiting.add(WaitingReasons.render(t, prefix, entries));
    }

    /**
     * Tries the copy targets best first. A target that fails stays failed for this class and allowTo
     * set (within a pass it only fills up); the task's own holders are skipped, not failed.
     */
    private boolean tryCopyTargets(TaskRequest t, CandidateClass cls, CopyTargets copy, Set<String> holders,
                                   Set<String> allowed) {
        List<WorkerLoad> skipped = new ArrayList<>();
        try {
            for (WorkerLoad w = copy.ranked.first(); w != null; w = copy.ranked.first()) {
                if (!cls.member[w.index]) {
                    copy.ranked.remove(w);
                    continue;
                }
                if (holders.contains(w.node.name())) {
                    copy.ranked.remove(w);
                    skipped.add(w);
                    continue;
                }
                Shortfall s = tryPlace(t, w, true, allowed);
                if (s == null) {
                    return true;
                }
                if (isClassWide(s)) {
                    cls.drop(w, s);
                    copy.ranked.remove(w);
                } else {
                    copy.fail(w, s);
                }
            }
            return false;
        } finally {
            skipped.forEach(copy.ranked::add);
        }
    }

    /** Workers with a sealing path in one of the groups, in name order. */
    private List<WorkerLoad> permitted(Set<String> allowed) {
        return permittedByGroups.computeIfAbsent(allowed, a -> {
            List<WorkerLoad> out = new ArrayList<>();
            for (WorkerLoad w : loads) {
                for (StoragePath p : w.node.paths()) {
                    if (p.canSeal() && SectorIndex.permits(a, p)) {
                        out.add(w);
                        break;
                    }
                }
            }
            return out;
        });
    }

    private static boolean isClassWide(Shortfall s) {
        return !s.code().equals(WaitingCode.StorageGroupsForbidCopy) && !s.code().equals(WaitingCode.InsufficientStorage);
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
        TaskKey key = TaskKey.of(t.type(), t.size());
        if (need.maxConcurrent() > 0 && w.count(key) >= need.maxConcurrent()) {
            return new Shortfall(WaitingCode.MaxConcurrentReached, () -> key.limitName() + "=" + need.maxConcurrent() + " reached");
        }
        TaskFiles ts = TaskFiles.of(t.type());
        StoragePath path = null;
        long bytes;
        if (ts.movesToStore()) {
            bytes = ts.finalizedBytes(t.size(), t.deals() > 0);
            path = ledger.choose(w.node, bytes, StoragePath::canStore);
            if (path == null) {
                return new Shortfall(WaitingCode.InsufficientStorage,
                        ledger.shortage(w.node, bytes, StoragePath::canStore, "long-term (canStore)"));
            }
        } else {
            bytes = ts.allocationBytes(t.size()) + (copy ? ts.copyBytes(t.size(), t.deals() > 0) : 0);
            if (bytes > 0 || allowed != null) {
                path = ledger.choose(w.node, bytes, p -> p.canSeal() && SectorIndex.permits(allowed, p));
                if (path == null) {
                    if (allowed != null && w.node.paths().stream().noneMatch(p -> p.canSeal() && SectorIndex.permits(allowed, p))) {
                        return new Shortfall(WaitingCode.StorageGroupsForbidCopy, () -> "allowTo " + String.join(", ", allowed));
                    }
                    return new Shortfall(WaitingCode.InsufficientStorage,
                            ledger.shortage(w.node, bytes, StoragePath::canSeal, "sealing (canSeal)"));
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
        w.assign(t, fit.window());
        assignments.add(new Assignment(t.id(), w.node.name(), path == null ? null : path.id()));
        return null;
    }

    /** A dedicated prover box (few task types) takes SNARK work before a general worker, whatever the load. */
    private static Comparator<RankedWorkers.Slot> fewerTypesFirst(Comparator<RankedWorkers.Slot> then) {
        return (a, b) -> {
            int c = Integer.compare(a.worker().node.enabled().size(), b.worker().node.enabled().size());
            return c != 0 ? c : then.compare(a, b);
        };
    }

    private CandidateClass candidateClass(TaskRequest t) {
        return classes.computeIfAbsent(new ClassKey(t.type(), t.size(), t.gpu()), k -> {
            CandidateClass cls = new CandidateClass(loads.size(), t.type().needsProver() ? proverOrder : slotOrder);
            Shortfall[] byProfile = new Shortfall[profileCount];
            boolean[] known = new boolean[profileCount];
            for (WorkerLoad w : loads) {
                int p = profileOf[w.index];
                if (!known[p]) {
                    byProfile[p] = staticShortfall(t, w);
                    known[p] = true;
                }
                if (byProfile[p] != null) {
                    cls.staticShortfall[w.index] = byProfile[p];
                    cls.tally.add(new WaitingReasons.Entry(w.node.name(), byProfile[p]));
                } else {
                    cls.member[w.index] = true;
                    cls.ranked.add(w);
                }
            }
            return cls;
        });
    }

    /**
     * Rules that do not change within a pass: readiness, task types, prover, what the worker's kernels can
     * run (its reported capabilities), GPU, and fit on the idle worker.
     */
    private static Shortfall staticShortfall(TaskRequest t, WorkerLoad w) {
        WorkerNode n = w.node;
        if (n.notReady() != null) {
            return new Shortfall(WaitingCode.WorkerNotReady, n.notReady());
        }
        if (!n.enabled().contains(t.type())) {
            return new Shortfall(WaitingCode.TaskTypeDisabled, "lacks " + t.type());
        }
        if (!n.accepts(t.type())) {
            return new Shortfall(WaitingCode.WorkerPaused, "paused");
        }
        if (t.type().needsProver() && !n.hasProver()) {
            return new Shortfall(WaitingCode.NoExternalProver, "no external prover");
        }
        String proverProblem = n.abilities().proverRefuses(t.type());
        if (proverProblem != null) {
            return new Shortfall(WaitingCode.ProverNotInstalled, proverProblem);
        }
        String sealerProblem = n.abilities().sealerRefuses(t.type(), t.size());
        if (sealerProblem != null) {
            return new Shortfall(WaitingCode.WorkerCannotRun, sealerProblem);
        }
        if (t.gpu() != null && !t.gpu().satisfiedBy(w.cap)) {
            return new Shortfall(WaitingCode.NoMatchingGpu, "lacks " + t.gpu().describe());
        }
        return new Pool().checkResources(w.need(t), w.cap);
    }

    private record ClassKey(TaskType type, SectorSize size, GpuNeed gpu) {
    }

    /** Copy targets of one class and allowTo set, best first, and why the failed ones failed. */
    private static final class CopyTargets {
        final RankedWorkers ranked;
        final Map<String, Shortfall> failures = new HashMap<>();

        CopyTargets(CandidateClass cls, List<WorkerLoad> permitted, Comparator<RankedWorkers.Slot> order) {
            ranked = new RankedWorkers(order, cls.member.length);
            for (WorkerLoad w : permitted) {
                if (cls.member[w.index]) {
                    ranked.add(w);
                }
            }
        }

        WaitingReasons.Tally tally;

        void fail(WorkerLoad w, Shortfall s) {
            ranked.remove(w);
            failures.put(w.node.name(), s);
            if (tally != null) {
                tally.add(new WaitingReasons.Entry(w.node.name(), s));
            }
        }

        Shortfall shortfall(CandidateClass cls, WorkerLoad w) {
            Shortfall s = cls.shortfall(w);
            return s != null ? s : failures.get(w.node.name());
        }
    }

    /** The workers that may take a class of tasks, best first, and why the others cannot. */
    private static final class CandidateClass {
        final boolean[] member;
        final RankedWorkers ranked;
        final Shortfall[] staticShortfall;
        final Shortfall[] dropped;
        final Map<Set<String>, CopyTargets> copies = new HashMap<>();
        final Comparator<RankedWorkers.Slot> order;
        Waiting exhausted;
        /** Reasons of every non-candidate, plus copy failures of sectors that may go anywhere. */
        final WaitingReasons.Tally tally = new WaitingReasons.Tally();

        CandidateClass(int workers, Comparator<RankedWorkers.Slot> order) {
            member = new boolean[workers];
            staticShortfall = new Shortfall[workers];
            dropped = new Shortfall[workers];
            ranked = new RankedWorkers(order, workers);
            this.order = order;
        }

        void drop(WorkerLoad w, Shortfall s) {
            if (member[w.index]) {
                member[w.index] = false;
                ranked.remove(w);
                dropped[w.index] = s;
                tally.add(new WaitingReasons.Entry(w.node.name(), s));
            }
        }

        /** Why the worker cannot take the class at all in this pass, or null while it is a candidate. */
        Shortfall shortfall(WorkerLoad w) {
            if (member[w.index]) {
                return null;
            }
            Shortfall s = staticShortfall[w.index];
            return s != null ? s : dropped[w.index];
        }

        CopyTargets copyTargets(Set<String> allowed, List<WorkerLoad> permitted) {
            return copies.computeIfAbsent(allowed == null ? Set.of() : allowed, k -> {
                CopyTargets c = new CopyTargets(this, permitted, order);
                if (allowed == null) {
                    c.tally = tally;
                }
                return c;
            });
        }

        /** Whether the class's summary already speaks for the worker. */
        boolean explains(WorkerLoad w) {
            CopyTargets anywhere = copies.get(Set.<String>of());
            return !member[w.index] || (anywhere != null && anywhere.failures.containsKey(w.node.name()));
        }

        WaitingReasons.Summary summary(TaskRequest t) {
            return tally.summary(t);
        }

    }
}
