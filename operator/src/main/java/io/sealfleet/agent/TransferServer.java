package io.sealfleet.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Serves this worker's sector files to other agents:
 * {@code GET /v1/sectors/s-t01000-1/manifest?types=cache,sealed} and
 * {@code GET /v1/sectors/s-t01000-1/<type>[/<file>]} with {@code Range: bytes=N-}, and removes them:
 * {@code DELETE /v1/sectors/s-t01000-1/<type>[?keep=<path id>[.<path id>…]]}; and a ReadUnsealed
 * task's range: {@code GET /v1/ranges/<namespace>/<task>}, also with {@code Range: bytes=N-}.
 * Every request needs the cluster's bearer token; a read whose target groups are not in the
 * source path's allowTo is refused (403) — storage groups hold at both ends. A delete touches only
 * that sector's file of that type on this agent's paths, succeeds when nothing is there, and is
 * refused (409) while a task of the sector runs here.
 */
public final class TransferServer implements AutoCloseable {
    public static final String GROUPS_HEADER = "X-Sealfleet-Target-Groups";
    private static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A storage path this server reads from, with its effective allowTo (null: anywhere). */
    public record SourcePath(SectorFiles files, List<String> allowTo) {
    }

    private final HttpServer server;
    private final byte[] token;
    private final List<SourcePath> paths;
    private final DeleteGuard guard;
    private final long cutAfterBytes;

    public TransferServer(InetSocketAddress address, String token, List<SourcePath> paths, DeleteGuard guard) throws IOException {
        this(address, token, paths, guard, Long.MAX_VALUE);
    }

    /** @param cutAfterBytes stop a response after this many bytes (for tests of resumed transfers) */
    TransferServer(InetSocketAddress address, String token, List<SourcePath> paths, DeleteGuard guard, long cutAfterBytes)
            throws IOException {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.paths = List.copyOf(paths);
        this.guard = guard;
        this.cutAfterBytes = cutAfterBytes;
        this.server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sealfleet-transfer");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/sectors/", this::handle);
        server.createContext(ReadRanges.URL_PREFIX, this::handleRange);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            boolean delete = "DELETE".equals(ex.getRequestMethod());
            if (!delete && !"GET".equals(ex.getRequestMethod())) {
                reply(ex, 405, "only GET and DELETE");
                return;
            }
            if (!authorized(ex)) {
                reply(ex, 401, "missing or wrong bearer token");
                return;
            }
            String[] parts = ex.getRequestURI().getPath().substring("/v1/sectors/".length()).split("/", -1);
            SectorName sector = parts.length >= 2 ? SectorName.parse(parts[0]) : null;
            if (sector == null || parts.length > 3 || Arrays.stream(parts).anyMatch(p -> !SAFE_NAME.matcher(p).matches())) {
                reply(ex, 404, "no such sector file");
                return;
            }
            if (delete) {
                delete(ex, sector, parts);
                return;
            }
            List<String> groups = groups(ex);
            if (parts[1].equals("manifest")) {
                manifest(ex, sector, groups);
                return;
            }
            FileType type = SectorFiles.typeOfDir(parts[1]);
            SourcePath source = type == null ? null : holder(sector, type);
            if (source == null) {
                reply(ex, 404, "sector " + sector + " has no " + parts[1] + " here");
                return;
            }
            String forbidden = forbidden(source.allowTo(), groups);
            if (forbidden != null) {
                reply(ex, 403, forbidden);
                return;
            }
            Path base = source.files().path(type, sector);
            Path file = SectorFiles.isDirectory(type) ? (parts.length == 3 ? base.resolve(parts[2]) : null) : base;
            if (file == null || (parts.length == 3 && !SectorFiles.isDirectory(type)) || !Files.isRegularFile(file)) {
                reply(ex, 404, "no such sector file");
                return;
            }
            send(ex, file);
        }
    }

    /**
     * A ReadUnsealed task's range, {@code GET /v1/ranges/<namespace>/<task>}: for its caller, not another
     * worker, so only the token is checked (storage groups govern copies between workers).
     */
    private void handleRange(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                reply(ex, 405, "only GET");
                return;
            }
            if (!authorized(ex)) {
                reply(ex, 401, "missing or wrong bearer token");
                return;
            }
            String[] parts = ex.getRequestURI().getPath().substring(ReadRanges.URL_PREFIX.length()).split("/", -1);
            if (parts.length != 2 || Arrays.stream(parts).anyMatch(p -> !SAFE_NAME.matcher(p).matches())) {
                reply(ex, 404, "GET " + ReadRanges.URL_PREFIX + "<namespace>/<task> takes a ReadUnsealed task's namespace and name");
                return;
            }
            String task = parts[0] + "/" + parts[1];
            for (SourcePath p : paths) {
                Path file = ReadRanges.file(p.files().root(), task);
                if (Files.isRegularFile(file)) {
                    send(ex, file);
                    return;
                }
            }
            reply(ex, 404, "no range of task " + task + " here: the task has not succeeded on this worker, or was deleted");
        }
    }

    private void delete(HttpExchange ex, SectorName sector, String[] parts) throws IOException {
        FileType type = parts.length == 2 ? SectorFiles.typeOfDir(parts[1]) : null;
        if (type == null) {
            reply(ex, 404, "DELETE takes /v1/sectors/<sector>/<type>, the type one of unsealed, sealed, cache, update, update-cache");
            return;
        }
        String busy = guard.claim(sector);
        if (busy != null) {
            reply(ex, 409, "the " + parts[1] + " of " + sector + " stays: " + busy);
            return;
        }
        List<String> keep = keep(ex.getRequestURI().getQuery());
        List<String> deleted = new ArrayList<>();
        try {
            for (SourcePath p : paths) {
                String id = p.files().root().getFileName().toString();
                if (keep.contains(id)) {
                    continue;
                }
                Path target = p.files().path(type, sector);
                Path partial = target.resolveSibling(target.getFileName() + SectorFiles.PARTIAL);
                boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                removeWithin(p.files().root(), target);
                removeWithin(p.files().root(), partial);
                if (present) {
                    deleted.add(id);
                }
            }
        } catch (IOException e) {
            reply(ex, 500, "cannot delete the " + parts[1] + " of " + sector + ": " + e.getMessage());
            return;
        } finally {
            guard.done(sector, !deleted.isEmpty());
        }
        reply(ex, 200, deleted.isEmpty() ? "no " + parts[1] + " of " + sector + " here"
                : "deleted the " + parts[1] + " of " + sector + " from " + String.join(", ", deleted));
    }

    /** Path IDs of {@code keep=<id>[.<id>…]}, as Lotus's remote delete names the copies to spare. */
    private static List<String> keep(String query) {
        List<String> out = new ArrayList<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith("keep=")) {
                    out.addAll(Arrays.asList(kv.substring(5).split("\\.")));
                }
            }
        }
        return out;
    }

    /** Removes a file or tree without following links, and only below the storage path's root. */
    private static void removeWithin(Path root, Path target) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path t = target.toAbsolutePath().normalize();
        if (!t.startsWith(base) || t.equals(base)) {
            throw new IOException("refusing to delete " + target + ": it is not inside " + root);
        }
        if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(t)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } else {
            Files.deleteIfExists(t);
        }
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        byte[] given = h == null || !h.startsWith("Bearer ") ? new byte[0] : h.substring(7).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private static List<String> groups(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst(GROUPS_HEADER);
        List<String> out = new ArrayList<>();
        if (h != null) {
            for (String g : h.split(",")) {
                if (!g.isBlank()) {
                    out.add(g.trim());
                }
            }
        }
        return out;
    }

    /** Why the requester may not have files from this path, or null. */
    static String forbidden(List<String> allowTo, List<String> targetGroups) {
        if (allowTo == null || allowTo.stream().anyMatch(targetGroups::contains)) {
            return null;
        }
        return "storage groups forbid the copy: sectors on this path may go only to " + allowTo
                + ", the target is in " + targetGroups;
    }

    private SourcePath holder(SectorName sector, FileType type) {
        for (SourcePath p : paths) {
            if (p.files().present(sector).contains(type)) {
                return p;
            }
        }
        return null;
    }

    private void manifest(HttpExchange ex, SectorName sector, List<String> groups) throws IOException {
        String query = ex.getRequestURI().getQuery();
        String types = query != null && query.startsWith("types=") ? query.substring(6) : "";
        List<TransferManifest.Entry> entries = new ArrayList<>();
        for (String name : types.split(",")) {
            FileType type = SectorFiles.typeOfDir(name);
            SourcePath source = type == null ? null : holder(sector, type);
            if (source == null) {
                reply(ex, 404, "sector " + sector + " has no " + name + " here");
                return;
            }
            String forbidden = forbidden(source.allowTo(), groups);
            if (forbidden != null) {
                reply(ex, 403, forbidden);
                return;
            }
            FileDigests digests = new FileDigests(source.files().root());
            Path base = source.files().path(type, sector);
            if (SectorFiles.isDirectory(type)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(base)) {
                    files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(SectorFiles.PARTIAL))
                            .sorted().toList();
                }
                for (Path f : files) {
                    entries.add(new TransferManifest.Entry(type, f.getFileName().toString(), Files.size(f),
                            digests.sha256(f, source.files().root().relativize(f))));
                }
            } else {
                entries.add(new TransferManifest.Entry(type, "", Files.size(base),
                        digests.sha256(base, source.files().root().relativize(base))));
            }
        }
        byte[] body = JSON.writeValueAsBytes(new TransferManifest(sector.toString(), entries));
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private void send(HttpExchange ex, Path file) throws IOException {
        long size = Files.size(file);
        long from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.matches("bytes=\\d+-")) {
            from = Long.parseLong(range.substring(6, range.length() - 1));
            if (from > size) {
                reply(ex, 416, "range starts past the end (" + size + " bytes)");
                return;
            }
        }
        long length = size - from;
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (from > 0) {
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, length == 0 ? -1 : length);
        if (length == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            OutputStream out = ex.getResponseBody();
            byte[] buf = new byte[1 << 16];
            long sent = 0;
            for (int n = in.read(buf); n > 0 && sent < length; n = in.read(buf)) {
                int chunk = (int) Math.min(n, cutAfterBytes - sent);
                out.write(buf, 0, chunk);
                sent += chunk;
                if (sent >= cutAfterBytes) {
                    out.flush();
                    throw new IOException("transfer cut on purpose after " + sent + " bytes");
                }
            }
        }
    }

    private static void reply(HttpExchange ex, int code, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
