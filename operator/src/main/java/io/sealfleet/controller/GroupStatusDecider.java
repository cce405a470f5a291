package io.sealfleet.controller;

import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StorageGroupStatus;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.table.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A StorageGroup's intended status from the valid workers that list it on a storage path, without a
 * client: its members, the space they report, the sectors they hold and its Ready condition.
 */
final class GroupStatusDecider {

    private GroupStatusDecider() {
    }

    static StorageGroupStatus decide(StorageGroup g, Collection<WorkerAssessment> workers, String namespace, Instant now) {
        String name = g.getMetadata().getName();
        List<String> members = new ArrayList<>();
        Map<String, StoragePathStatus> reports = new LinkedHashMap<>();
        Set<String> sectors = new TreeSet<>();
        Set<String> workersIn = new TreeSet<>();
        for (WorkerAssessment w : workers) {
            if (!w.valid() || w.spec().storage == null) {
                continue;
            }
            Map<String, StoragePathStatus> reported = new HashMap<>();
            if (w.worker.getStatus() != null && w.worker.getStatus().storage != null) {
                w.worker.getStatus().storage.forEach(p -> reported.put(p.id, p));
            }
            for (StoragePathSpec p : w.spec().storage) {
                if (p.groups == null || !p.groups.contains(name)) {
                    continue;
                }
                members.add(w.name() + "/" + p.id);
                workersIn.add(w.name());
                StoragePathStatus r = reported.get(p.id);
                if (r != null) {
                    reports.putIfAbsent(p.id, r);
                    if (r.sectors != null) {
                        r.sectors.forEach(s -> sectors.add(s.miner + "/" + s.sector));
                    }
                }
            }
        }
        long capacity = 0;
        long available = 0;
        for (StoragePathStatus r : reports.values()) {
            capacity += r.capacityBytes == null ? 0 : r.capacityBytes;
            available += r.availableBytes == null ? 0 : r.availableBytes;
        }
        StorageGroupStatus old = g.getStatus();
        StorageGroupStatus next = old == null ? new StorageGroupStatus() : Json.copy(old, StorageGroupStatus.class);
        next.members = members;
        next.pathCount = members.size();
        next.capacityBytes = capacity;
        next.availableBytes = available;
        next.available = Bytes.format(available);
        next.sectors = sectors.size();
        StorageGroupStatusBuilder status = new StorageGroupStatusBuilder(next, g.getMetadata().getGeneration(), now);
        if (members.isEmpty()) {
            status.ready(false, GroupReason.NoMembers, "no SealingWorker in namespace " + namespace + " lists '" + name
                    + "' in spec.storage[].groups; add it to a worker's storage path");
        } else {
            status.ready(true, GroupReason.HasMembers, members.size() + " path(s) on " + workersIn.size() + " worker(s); "
                    + reports.size() + " reporting their space");
        }
        return status.status();
    }
}
