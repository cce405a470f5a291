package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import java.util.List;

/** Objects for the deciders' tests, built in memory: the deciders need no client. */
final class DeciderFixtures {
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    static final String NS = "default";

    private DeciderFixtures() {
    }

    static <T extends HasMetadata> GenericKubernetesResource raw(T object) {
        return Json.MAPPER.convertValue(object, GenericKubernetesResource.class);
    }

    static LiveTask task(String name, TaskPhase phase) {
        SectorTask t = new SectorTask();
        t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(3L)
                .withCreationTimestamp("2024-12-31T23:59:00Z").build());
        SectorTaskSpec spec = new SectorTaskSpec();
        spec.type = TaskType.PreCommit1;
        spec.miner = "t01000";
        spec.sector = 1L;
        t.setSpec(spec);
        if (phase != null) {
            t.setStatus(new SectorTaskStatus());
            t.getStatus().phase = phase;
        }
        return new LiveTask(raw(t), t);
    }

    /** A valid worker judged alive (Ready, heartbeating) unless the test changes the assessment. */
    static WorkerAssessment worker(String name, WorkerPhase before, StoragePathSpec... paths) {
        SealingWorker w = new SealingWorker();
        w.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(2L).build());
        w.setSpec(new SealingWorkerSpec());
        w.getSpec().storage = paths.length == 0 ? null : List.of(paths);
        if (before != null) {
            w.setStatus(new SealingWorkerStatus());
            w.getStatus().phase = before;
        }
        WorkerAssessment a = new WorkerAssessment(new KindCache.Item<>(raw(w), w, null));
        a.alive = true;
        a.livePhase = WorkerPhase.Ready;
        a.readyReason = WorkerReason.Heartbeating;
        a.readyMessage = "the agent heartbeats";
        return a;
    }

    static StoragePathSpec path(String id, String... groups) {
        StoragePathSpec p = new StoragePathSpec();
        p.id = id;
        p.groups = groups.length == 0 ? null : List.of(groups);
        return p;
    }

    static StoragePathStatus report(String id, long capacity, long available, long... sectors) {
        StoragePathStatus r = new StoragePathStatus();
        r.id = id;
        r.capacityBytes = capacity;
        r.availableBytes = available;
        r.sectors = new java.util.ArrayList<>();
        for (long s : sectors) {
            StoredSector stored = new StoredSector();
            stored.miner = "t01000";
            stored.sector = s;
            r.sectors.add(stored);
        }
        return r;
    }

    static StorageGroup group(String name) {
        StorageGroup g = new StorageGroup();
        g.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(5L).build());
        return g;
    }
}
