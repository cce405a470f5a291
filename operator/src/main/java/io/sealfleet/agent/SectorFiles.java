package io.sealfleet.agent;

import io.sealfleet.table.FileType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lotus's layout of a storage path: {@code unsealed/s-t01000-1}, {@code sealed/s-t01000-1} and the
 * directory {@code cache/s-t01000-1/}, with {@code update/} and {@code update-cache/} for snap deals.
 * Files still being written carry a {@code .partial} suffix and never count as present.
 */
public final class SectorFiles {
    public static final String PARTIAL = ".partial";
    private final Path root;

    public SectorFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public static String dirName(FileType type) {
        return switch (type) {
            case unsealed -> "unsealed";
            case sealed -> "sealed";
            case cache -> "cache";
            case update -> "update";
            case updateCache -> "update-cache";
        };
    }

    public static FileType typeOfDir(String dir) {
        for (FileType t : FileType.values()) {
            if (dirName(t).equals(dir)) {
                return t;
            }
        }
        return null;
    }

    /** The file (unsealed, sealed, update) or directory (cache, update-cache) of the sector. */
    public Path path(FileType type, SectorName sector) {
        return root.resolve(dirName(type)).resolve(sector.toString());
    }

    public static boolean isDirectory(FileType type) {
        return type == FileType.cache || type == FileType.updateCache;
    }

    /** Which of the sector's files are complete on this path. */
    public Set<FileType> present(SectorName sector) {
        Set<FileType> out = EnumSet.noneOf(FileType.class);
        for (FileType t : FileType.values()) {
            Path p = path(t, sector);
            if (isDirectory(t) ? Files.isDirectory(p) : Files.isRegularFile(p)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every sector with at least one complete file on this path. */
    public List<SectorName> sectors() throws IOException {
        Set<SectorName> seen = new java.util.TreeSet<>(java.util.Comparator.comparingLong(SectorName::minerId)
                .thenComparingLong(SectorName::number));
        for (FileType t : FileType.values()) {
            Path dir = root.resolve(dirName(t));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> SectorName.parse(p.getFileName().toString())).filter(java.util.Objects::nonNull).forEach(seen::add);
            }
        }
        return new ArrayList<>(seen);
    }

    /** Creates the layout's directories. */
    public void create() throws IOException {
        for (FileType t : FileType.values()) {
            Files.createDirectories(root.resolve(dirName(t)));
        }
    }
}
