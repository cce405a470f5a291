package io.sealfleet.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Space on one storage path: reservations of the tasks running here, kept in
 * {@code .sealfleet/reservations.json} so that a restarted agent knows what it had promised.
 *
 * <p>What the agent reports to the scheduler is the free space <em>as if the tasks here had written
 * nothing yet</em> (free bytes plus what they have written so far), because the scheduler takes
 * their full allocations off itself. Capped by maxStorage when set.
 */
public final class PathSpace {
    /** One task's promise: its bytes and the files it writes, to tell how much is already on disk. */
    public record Reservation(long bytes, List<String> targets) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SectorFiles files;
    private final long maxStorage;
    private final Path ledger;
    private final Map<String, Reservation> reservations;

    /** @param maxStorage most bytes sealfleet may use on the path; 0 for the whole volume */
    public PathSpace(SectorFiles files, long maxStorage) throws IOException {
        this.files = files;
        this.maxStorage = maxStorage;
        this.ledger = files.root().resolve(".sealfleet").resolve("reservations.json");
        this.reservations = Files.isRegularFile(ledger)
                ? new TreeMap<>(JSON.readValue(ledger.toFile(), new TypeReference<Map<String, Reservation>>() { }))
                : new TreeMap<>();
    }

    /**
     * Reserves space for a task, or says why not.
     *
     * @return null when reserved (or already reserved by this task), else the shortfall in words
     */
    public synchronized String reserve(String taskId, long bytes, List<Path> targets) throws IOException {
        if (reservations.containsKey(taskId)) {
            return null;
        }
        long free = free();
        if (bytes > free) {
            return "needs " + io.sealfleet.table.Bytes.format(bytes) + " on path " + files.root() + ", has "
                    + io.sealfleet.table.Bytes.format(Math.max(0, free));
        }
        List<String> t = new ArrayList<>();
        targets.forEach(p -> t.add(p.toString()));
        reservations.put(taskId, new Reservation(bytes, t));
        save();
        return null;
    }

    /**
     * Sets a task's reservation to {@code bytes} for the files {@code targets}, for a kernel that learns
     * only when it runs what it writes (ReadUnsealed unseals only when the path lacks an unsealed copy).
     *
     * @return null when reserved, else the shortfall in words (the reservation then stays as it was)
     */
    public synchronized String grow(String taskId, long bytes, List<Path> targets) throws IOException {
        Reservation old = reservations.get(taskId);
        long more = bytes - (old == null ? 0 : Math.max(0, old.bytes() - writtenBytes(old)));
        long free = free();
        if (more > free) {
            return "needs " + io.sealfleet.table.Bytes.format(bytes) + " on path " + files.root() + ", has "
                    + io.sealfleet.table.Bytes.format(Math.max(0, free + bytes - more));
        }
        List<String> t = new ArrayList<>();
        targets.forEach(p -> t.add(p.toString()));
        reservations.put(taskId, new Reservation(bytes, t));
        save();
        return null;
    }

    public synchronized void release(String taskId) throws IOException {
        if (reservations.remove(taskId) != null) {
            save();
        }
    }

    public synchronized Map<String, Reservation> reservations() {
        return Map.copyOf(reservations);
    }

    /** Bytes a new reservation may take now: free space less what reserved tasks have yet to write. */
    public synchronized long free() throws IOException {
        return capped(Files.getFileStore(files.root()).getUsableSpace()) - outstanding();
    }

    /** What the scheduler is told: free space as if the reserved tasks had written nothing yet. */
    public synchronized long reportedAvailable() throws IOException {
        long written = 0;
        for (Reservation r : reservations.values()) {
            written += writtenBytes(r);
        }
        return capped(Files.getFileStore(files.root()).getUsableSpace()) + written;
    }

    private long capped(long usable) throws IOException {
        if (maxStorage <= 0) {
            return usable;
        }
        return Math.min(usable, Math.max(0, maxStorage - du(files.root())));
    }

    private long outstanding() throws IOException {
        long n = 0;
        for (Reservation r : reservations.values()) {
            n += Math.max(0, r.bytes() - writtenBytes(r));
        }
        return n;
    }

    private static long writtenBytes(Reservation r) throws IOException {
        long n = 0;
        for (String t : r.targets()) {
            Path p = Path.of(t);
            if (Files.exists(p)) {
                n += du(p);
            }
            Path partial = p.resolveSibling(p.getFileName() + SectorFiles.PARTIAL);
            if (Files.exists(partial)) {
                n += du(partial);
            }
        }
        return n;
    }

    /** Bytes under a path; files that vanish mid-walk (a transfer renaming its .partial) are skipped. */
    static long du(Path p) throws IOException {
        long[] n = {0};
        Path own = p.resolve(".sealfleet");
        Files.walkFileTree(p, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                return dir.equals(own) ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                if (a.isRegularFile()) {
                    n[0] += a.size();
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }

    private void save() throws IOException {
        AtomicFiles.write(ledger, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(reservations));
    }
}
