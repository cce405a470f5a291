package io.sealfleet.lotus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Piece data the miner pushes for AddPiece (Lotus's push stream), kept on the bridge's disk until
 * the fleet's AddPiece task has read it. A file is published under its stream UUID only once complete.
 */
public final class PieceStore {
    private final Path dir;
    private final Set<UUID> expected = ConcurrentHashMap.newKeySet();

    public PieceStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** An AddPiece call names this stream: its HEAD may now be answered. */
    public void expect(UUID stream) {
        synchronized (this) {
            expected.add(stream);
            notifyAll();
        }
    }

    /** Waits (the push's HEAD) until a call names the stream; false when none does in time. */
    public boolean awaitExpected(UUID stream, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (!expected.contains(stream) && !Files.exists(file(stream))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    public void write(UUID stream, InputStream body) throws IOException {
        Path partial = dir.resolve(stream + ".partial");
        Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, file(stream), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        synchronized (this) {
            notifyAll();
        }
    }

    /** The complete piece, waiting for its upload to finish; null when it does not arrive in time. */
    public Path awaitComplete(UUID stream, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (!Files.exists(file(stream))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !expected.contains(stream)) {
                    return null;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return file(stream);
    }

    public void delete(UUID stream) throws IOException {
        expected.remove(stream);
        Files.deleteIfExists(file(stream));
    }

    private Path file(UUID stream) {
        return dir.resolve(stream.toString());
    }
}
