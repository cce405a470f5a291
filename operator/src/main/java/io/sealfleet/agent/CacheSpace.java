package io.sealfleet.agent;

import io.sealfleet.api.CacheStatus;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.SectorSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The node-level caches' free space against what the worker's sector sizes need. The parent cache
 * holds one file per sector size, 14 parents × 4 bytes per node (56 GiB for 32 GiB sectors); a file of
 * that length already there needs no room. The parameter cache is read by the external prover for
 * Commit2; for 32 GiB and larger sectors lotus-worker's guide asks for more than 100 GiB, less what the
 * folder already holds.
 */
final class CacheSpace {
    static final String PARENT = "parentCache";
    static final String PARAMETER = "parameterCache";
    static final long PARAMETERS_32GIB = 100 * Bytes.GiB;

    private CacheSpace() {
    }

    /** Bytes of the parent cache file of a sector size: one node per 32 bytes, 14 four-byte parents each. */
    static long parentCacheBytes(SectorSize size) {
        return size.bytes() / 32 * 14 * 4;
    }

    static CacheStatus parentCache(Path dir, Set<SectorSize> sizes) throws IOException {
        long need = 0;
        for (SectorSize s : sizes) {
            long len = parentCacheBytes(s);
            if (!hasCacheFile(dir, len)) {
                need += len;
            }
        }
        return status(PARENT, dir, need);
    }

    static CacheStatus parameterCache(Path dir, Set<SectorSize> commit2Sizes) throws IOException {
        boolean large = commit2Sizes.stream().anyMatch(s -> s.bytes() >= SectorSize.S32GiB.bytes());
        long need = large ? Math.max(0, PARAMETERS_32GIB - used(dir)) : 0;
        return status(PARAMETER, dir, need);
    }

    private static CacheStatus status(String name, Path dir, long need) throws IOException {
        Files.createDirectories(dir);
        CacheStatus c = new CacheStatus();
        c.name = name;
        c.path = dir.toString();
        c.availableBytes = Files.getFileStore(dir).getUsableSpace();
        c.requiredBytes = need;
        return c;
    }

    /** A finished parent cache file of that length (a half-written one is still under its temporary name). */
    private static boolean hasCacheFile(Path dir, long length) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cache") && size(f) == length);
        }
    }

    private static long used(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(CacheSpace::size).sum();
        }
    }

    private static long size(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.size(f) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
