package io.sealfleet.scheduler;

import io.sealfleet.table.FileType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where sector files are, which workers reach which paths, and where storage groups let a sector's
 * files be copied to.
 */
final class SectorIndex {
    private final Map<SectorRef, List<SectorLocation>> bySector = new HashMap<>();
    private final Map<String, List<String>> workersByPath = new HashMap<>();
    private final Map<String, StoragePath> pathById = new HashMap<>();
    private final Map<String, List<String>> groupAllowTo;

    SectorIndex(ClusterState state) {
        this.groupAllowTo = state.groupAllowTo();
        for (WorkerNode w : state.workers()) {
            for (StoragePath p : w.paths()) {
                workersByPath.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(w.name());
                pathById.putIfAbsent(p.id(), p);
            }
        }
        for (SectorLocation loc : state.locations()) {
            bySector.computeIfAbsent(loc.sector(), k -> new ArrayList<>()).add(loc);
        }
    }

    /** Paths holding any of the files; empty when the sector's location is unknown. */
    List<SectorLocation> sources(SectorRef sector, Set<FileType> files) {
        List<SectorLocation> all = bySector.get(sector);
        if (all == null || files.isEmpty()) {
            return List.of();
        }
        List<SectorLocation> out = new ArrayList<>();
        for (SectorLocation loc : all) {
            for (FileType f : loc.files()) {
                if (files.contains(f)) {
                    out.add(loc);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Who holds a task's inputs.
     *
     * @param workers  in name order: those whose paths together hold all of the files when there are
     *                 any (a worker with only the layers cannot run Commit1), else those that hold some
     * @param complete whether {@code workers} hold all of the files
     */
    record Holders(Set<String> workers, boolean complete) {
    }

    Holders holders(List<SectorLocation> sources, Set<FileType> needed) {
        Map<String, Set<FileType>> byWorker = new TreeMap<>();
        for (SectorLocation loc : sources) {
            for (String w : workersByPath.getOrDefault(loc.pathId(), List.of())) {
                byWorker.computeIfAbsent(w, k -> java.util.EnumSet.noneOf(FileType.class)).addAll(loc.files());
            }
        }
        Set<String> full = new TreeSet<>();
        byWorker.forEach((w, files) -> {
            if (files.containsAll(needed)) {
                full.add(w);
            }
        });
        return full.isEmpty() ? new Holders(byWorker.keySet(), false) : new Holders(full, true);
    }

    /**
     * The groups the sources' files may be copied to, or null for anywhere: the union of each source
     * path's allowTo (its own, else its groups'), unrestricted as soon as one source is.
     */
    Set<String> allowedTargets(List<SectorLocation> sources) {
        Set<String> union = new LinkedHashSet<>();
        for (SectorLocation loc : sources) {
            List<String> allow = effectiveAllowTo(pathById.get(loc.pathId()));
            if (allow == null) {
                return null;
            }
            union.addAll(allow);
        }
        return union;
    }

    List<String> effectiveAllowTo(StoragePath p) {
        return p == null ? null : StoragePath.effectiveAllowTo(p.allowTo(), p.groups(), groupAllowTo::get);
    }

    static boolean permits(Set<String> allowedTargets, StoragePath target) {
        if (allowedTargets == null) {
            return true;
        }
        for (String g : target.groups()) {
            if (allowedTargets.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
