package io.sealfleet.agent;

import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The worker's own storage paths as mounted in its pod ({@code <root>/<path id>}), each with its
 * Lotus layout and space ledger, and the path's effective allowTo for serving copies.
 */
final class LocalStorage {
    record Entry(StoragePathSpec spec, SectorFiles files, PathSpace space, List<String> allowTo) {
        boolean canSeal() {
            return Boolean.TRUE.equals(spec.canSeal);
        }

        boolean canStore() {
            return Boolean.TRUE.equals(spec.canStore);
        }

        List<String> groups() {
            return spec.groups == null ? List.of() : spec.groups;
        }
    }

    private final List<Entry> entries;

    /** @param allowTo effective allowTo per path, in the order of {@code specs} (null entries: anywhere) */
    LocalStorage(Path root, List<StoragePathSpec> specs, List<List<String>> allowTo) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            StoragePathSpec p = specs.get(i);
            SectorFiles files = new SectorFiles(root.resolve(p.id));
            files.create();
            long max = p.maxStorage == null ? 0 : Bytes.parse(p.maxStorage);
            out.add(new Entry(p, files, new PathSpace(files, max), allowTo.get(i)));
        }
        this.entries = List.copyOf(out);
    }

    List<Entry> entries() {
        return entries;
    }

    Entry byId(String id) {
        for (Entry e : entries) {
            if (e.spec().id.equals(id)) {
                return e;
            }
        }
        return null;
    }

    /** A path that holds all the files, or null. */
    Entry holding(SectorName sector, Set<FileType> types) {
        for (Entry e : entries) {
            if (e.files().present(sector).containsAll(types)) {
                return e;
            }
        }
        return null;
    }

    /** The sealing (or, with {@code store}, long-term) path with the most free space × weight that has {@code bytes} free. */
    Entry best(boolean store, long bytes) throws IOException {
        Entry best = null;
        double score = -1;
        for (Entry e : entries) {
            if (store ? !e.canStore() : !e.canSeal()) {
                continue;
            }
            long free = e.space().free();
            double s = (double) free * (e.spec().weight == null ? 10 : e.spec().weight);
            if (free >= bytes && s > score) {
                best = e;
                score = s;
            }
        }
        return best;
    }
}
