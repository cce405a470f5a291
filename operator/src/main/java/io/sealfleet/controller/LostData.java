package io.sealfleet.controller;

import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskFiles;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Sector files that only lost workers hold: tasks that read them wait for those workers. */
final class LostData {
    private final Map<String, Set<FileType>> reachable = new HashMap<>();
    private final Map<String, Map<FileType, Set<String>>> onLost = new HashMap<>();

    LostData(Collection<WorkerAssessment> workers) {
        Set<String> alivePaths = new HashSet<>();
        for (WorkerAssessment w : workers) {
            if (w.valid() && w.livePhase != WorkerPhase.Lost && w.spec().storage != null) {
                w.spec().storage.forEach(p -> alivePaths.add(p.id));
            }
        }
        for (WorkerAssessment w : workers) {
            SealingWorkerStatus st = w.worker == null ? null : w.worker.getStatus();
            if (!w.valid() || st == null || st.storage == null) {
                continue;
            }
            for (StoragePathStatus p : st.storage) {
                for (StoredSector s : p.sectors == null ? List.<StoredSector>of() : p.sectors) {
                    String sector = s.miner + "/" + s.sector;
                    for (FileType f : s.files == null ? List.<FileType>of() : s.files) {
                        if (f == null) {
                            continue;
                        }
                        if (alivePaths.contains(p.id)) {
                            reachable.computeIfAbsent(sector, k -> EnumSet.noneOf(FileType.class)).add(f);
                        } else if (w.livePhase == WorkerPhase.Lost) {
                            onLost.computeIfAbsent(sector, k -> new HashMap<>())
                                    .computeIfAbsent(f, k -> new TreeSet<>()).add(w.name());
                        }
                    }
                }
            }
        }
    }

    /** Why the task must wait for a lost worker, or null when its inputs are reachable elsewhere. */
    String blocks(SectorTask t) {
        String sector = t.getSpec().miner + "/" + t.getSpec().sector;
        Map<FileType, Set<String>> lostFiles = onLost.get(sector);
        if (lostFiles == null) {
            return null;
        }
        Set<FileType> have = reachable.getOrDefault(sector, Set.of());
        Set<String> holders = new TreeSet<>();
        Set<FileType> missing = new TreeSet<>();
        for (FileType f : TaskFiles.of(t.getSpec().type).inputs(t.getSpec().hasDeals())) {
            if (!have.contains(f) && lostFiles.containsKey(f)) {
                missing.add(f);
                holders.addAll(lostFiles.get(f));
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "its " + String.join(", ", missing.stream().map(Enum::name).toList()) + " files are only on lost worker"
                + (holders.size() == 1 ? " " : "s ") + String.join(", ", holders)
                + "; it waits until the worker heartbeats again (delete the task to give the sector up)";
    }
}
