package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.NS;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StorageGroupStatus;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.FileType;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageGroupTest extends ClusterTestBase {
    private void report(String worker, long capacity, long available, long... sectors) {
        cluster.retryOnConflict(() -> client.resources(SealingWorker.class).inNamespace(NS).withName(worker).editStatus(w -> {
            StoragePathStatus p = new StoragePathStatus();
            p.id = worker + "-seal";
            p.capacityBytes = capacity;
            p.availableBytes = available;
            p.sectors = java.util.Arrays.stream(sectors).mapToObj(n -> {
                StoredSector s = new StoredSector();
                s.miner = "f01000";
                s.sector = n;
                s.files = List.of(FileType.sealed, FileType.cache);
                return s;
            }).toList();
            w.getStatus().storage = List.of(p);
            return w;
        }));
    }

    private StorageGroupStatus status(String group) {
        StorageGroup g = client.resources(StorageGroup.class).inNamespace(NS).withName(group).get();
        return g == null ? null : g.getStatus();
    }

    @Test
    void groupSumsItsMembersReportsAndSaysWhenNobodyUsesIt() {
        cluster.create(Cluster.group("seal-1"));
        cluster.create(Cluster.group("unused"));
        cluster.create(worker("w1", 4, "16Gi", s -> s.storage.get(0).groups = List.of("seal-1")));
        cluster.create(worker("w2", 4, "16Gi", s -> s.storage.get(0).groups = List.of("seal-1")));
        cluster.create(worker("w3", 4, "16Gi", s -> { }));
        await().atMost(Cluster.WAIT).until(() -> cluster.worker("w1").getStatus() != null
                && cluster.worker("w2").getStatus() != null);
        report("w1", 4 * Bytes.TiB, 3 * Bytes.TiB, 1, 2);
        report("w2", 4 * Bytes.TiB, Bytes.TiB, 3);
        report("w3", 4 * Bytes.TiB, 4 * Bytes.TiB, 9);
        await().atMost(Cluster.WAIT).until(() -> status("seal-1") != null && Integer.valueOf(3).equals(status("seal-1").sectors));
        StorageGroupStatus st = status("seal-1");
        assertThat(st.members).containsExactly("w1/w1-seal", "w2/w2-seal");
        assertThat(st.pathCount).isEqualTo(2);
        assertThat(st.capacityBytes).isEqualTo(8 * Bytes.TiB);
        assertThat(st.availableBytes).isEqualTo(4 * Bytes.TiB);
        assertThat(st.available).isEqualTo("4 TiB");
        assertThat(Conditions.get(st.conditions, Conditions.READY).reason).isEqualTo("HasMembers");
        assertThat(Conditions.get(status("unused").conditions, Conditions.READY).reason).isEqualTo("NoMembers");
    }
}
