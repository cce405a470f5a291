package io.sealfleet.table;

import static io.sealfleet.table.Bytes.GiB;
import static io.sealfleet.table.Bytes.KiB;
import static io.sealfleet.table.Bytes.MiB;

import java.util.EnumMap;
import java.util.Map;

/**
 * The default resource table: the seed documents' rows (32 and 64 GiB AddPiece, PreCommit1/2,
 * Commit1/2; Unseal as PreCommit1) and Lotus's current table for every other cell. Both agree
 * where they overlap; GPU figures and BaseMinMemory come from Lotus.
 */
public final class DefaultResourceTable {
    private static final Map<TaskType, Map<SectorSize, ResourceSpec>> TABLE = build();

    private DefaultResourceTable() {
    }

    public static ResourceSpec get(TaskType type, SectorSize size) {
        return TABLE.get(type).get(size);
    }

    private static Map<TaskType, Map<SectorSize, ResourceSpec>> build() {
        Map<TaskType, Map<SectorSize, ResourceSpec>> t = new EnumMap<>(TaskType.class);

        Map<SectorSize, ResourceSpec> ap = rows(
                spec(2 * KiB, 2 * KiB, 0, 1, 0, 2 * KiB),
                spec(8 * MiB, 8 * MiB, 0, 1, 0, 8 * MiB),
                spec(GiB, GiB, 0, 1, 0, GiB),
                spec(4 * GiB, 4 * GiB, 0, 1, 0, GiB),
                spec(8 * GiB, 8 * GiB, 0, 1, 0, GiB));
        Map<SectorSize, ResourceSpec> pc1 = rows(
                spec(2 * KiB, 2 * KiB, 0, 1, 0, 2 * KiB),
                spec(8 * MiB, 8 * MiB, 0, 1, 0, 8 * MiB),
                spec(768 * MiB, GiB, 0, 1, 0, MiB),
                spec(56 * GiB, 64 * GiB, 0, 1, 0, 10 * MiB),
                spec(112 * GiB, 128 * GiB, 0, 1, 0, 10 * MiB));
        Map<SectorSize, ResourceSpec> pc2 = rows(
                spec(2 * KiB, 2 * KiB, 0, -1, 0, 2 * KiB),
                spec(8 * MiB, 8 * MiB, 0, -1, 0, 8 * MiB),
                spec(GiB, 3 * GiB / 2, 0, -1, 0, GiB),
                spec(15 * GiB, 15 * GiB, 1.0, -1, 6, GiB),
                spec(30 * GiB, 30 * GiB, 1.0, -1, 6, GiB));
        Map<SectorSize, ResourceSpec> c1 = rows(
                spec(2 * KiB, 2 * KiB, 0, 0, 0, 2 * KiB),
                spec(8 * MiB, 8 * MiB, 0, 0, 0, 8 * MiB),
                spec(GiB, GiB, 0, 0, 0, GiB),
                spec(GiB, GiB, 0, 0, 0, GiB),
                spec(GiB, GiB, 0, 0, 0, GiB));
        Map<SectorSize, ResourceSpec> c2 = rows(
                spec(2 * KiB, 2 * KiB, 1.0, 1, 0, 2 * KiB),
                spec(8 * MiB, 8 * MiB, 1.0, 1, 0, 8 * MiB),
                spec(GiB, 3 * GiB / 2, 1.0, 1, 0, 10 * GiB),
                spec(30 * GiB, 150 * GiB, 1.0, -1, 6, 32 * GiB),
                spec(60 * GiB, 190 * GiB, 1.0, -1, 6, 64 * GiB));
        Map<SectorSize, ResourceSpec> fetch = uniform(spec(MiB, MiB, 0, 0, 0, 0));
        Map<SectorSize, ResourceSpec> ru = rows(
                spec(2 * KiB, 2 * KiB, 1.0, 1, 0, 2 * KiB),
                spec(8 * MiB, 8 * MiB, 1.0, 1, 0, 8 * MiB),
                spec(GiB, GiB, 1.0, 1, 0, GiB),
                spec(4 * GiB, 4 * GiB, 1.0, 1, 6, GiB),
                spec(8 * GiB, 8 * GiB, 1.0, 1, 6, GiB));

        t.put(TaskType.AddPiece, ap);
        t.put(TaskType.PreCommit1, pc1);
        t.put(TaskType.Unseal, pc1);
        t.put(TaskType.PreCommit2, pc2);
        t.put(TaskType.Commit1, c1);
        t.put(TaskType.ProveReplicaUpdate1, c1);
        t.put(TaskType.Commit2, c2);
        t.put(TaskType.ProveReplicaUpdate2, c2);
        t.put(TaskType.Fetch, fetch);
        // Reading a range of an unsealed file costs what a fetch costs; Lotus has no row for it.
        t.put(TaskType.ReadUnsealed, fetch);
        t.put(TaskType.ReplicaUpdate, ru);
        t.put(TaskType.RegenSectorKey, ru);
        // Lotus has no Finalize or FinalizeReplicaUpdate row: every field resolves to zero.
        t.put(TaskType.Finalize, uniform(ResourceSpec.NONE));
        t.put(TaskType.FinalizeReplicaUpdate, uniform(ResourceSpec.NONE));
        for (TaskType type : TaskType.values()) {
            if (!t.containsKey(type) || t.get(type).size() != SectorSize.values().length) {
                throw new IllegalStateException("resource table lacks rows for " + type);
            }
        }
        return t;
    }

    private static ResourceSpec spec(long min, long max, double gpu, int mp, int mpg, long base) {
        return new ResourceSpec(min, max, gpu, mp, mpg, base, 0);
    }

    private static Map<SectorSize, ResourceSpec> rows(ResourceSpec... bySize) {
        Map<SectorSize, ResourceSpec> m = new EnumMap<>(SectorSize.class);
        SectorSize[] sizes = SectorSize.values();
        for (int i = 0; i < sizes.length; i++) {
            m.put(sizes[i], bySize[i]);
        }
        return m;
    }

    private static Map<SectorSize, ResourceSpec> uniform(ResourceSpec spec) {
        Map<SectorSize, ResourceSpec> m = new EnumMap<>(SectorSize.class);
        for (SectorSize s : SectorSize.values()) {
            m.put(s, spec);
        }
        return m;
    }
}
