package io.sealfleet.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where ReadUnsealed leaves the bytes it read: {@code .sealfleet/ranges/<namespace>/<task>} on the
 * storage path that holds the sector, served by the {@link TransferServer} at
 * {@code /v1/ranges/<namespace>/<task>}. A range lives as long as its SectorTask: the agent removes
 * the ranges of deleted tasks.
 */
final class ReadRanges {
    static final String URL_PREFIX = "/v1/ranges/";

    private ReadRanges() {
    }

    static Path dir(Path storageRoot) {
        return storageRoot.resolve(".sealfleet").resolve("ranges");
    }

    /** @param task {@code namespace/name} */
    static Path file(Path storageRoot, String task) {
        int slash = task.indexOf('/');
        return dir(storageRoot).resolve(task.substring(0, slash)).resolve(task.substring(slash + 1));
    }

    /** The path of the range on the worker's transfer endpoint. */
    static String url(String task) {
        return URL_PREFIX + task;
    }

    /** Removes the ranges whose task no longer exists ({@code exists} takes {@code namespace/name}). */
    static void removeOrphans(Path storageRoot, Predicate<String> exists) throws IOException {
        Path dir = dir(storageRoot);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> namespaces = Files.list(dir)) {
            for (Path ns : namespaces.filter(Files::isDirectory).toList()) {
                try (Stream<Path> ranges = Files.list(ns)) {
                    for (Path f : ranges.toList()) {
                        String name = f.getFileName().toString();
                        if (!name.contains(".tmp") && !exists.test(ns.getFileName() + "/" + name)) {
                            Files.deleteIfExists(f);
                        }
                    }
                }
            }
        }
    }
}
