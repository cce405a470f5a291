package io.sealfleet.lotus;

import com.sun.net.httpserver.HttpExchange;
import io.sealfleet.agent.SectorFiles;
import io.sealfleet.agent.SectorName;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lotus's {@code /remote/} file endpoints over the fleet: {@code GET /remote/<type>/<sector>} streams a
 * plain file (with Range) or a cache directory as a flat tar of the files Lotus accepts, read from
 * the worker that holds it through the agents' authenticated transfer; {@code GET /remote/stat/<id>}
 * gives a path's FsStat; {@code DELETE /remote/<type>/<sector>[?keep=<id>[.<id>…]]} removes that file
 * type of the sector from every worker holding it outside the kept paths, and answers 200 only when
 * each of them did. The caller has checked the miner's token.
 */
public final class RemoteFiles {
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d+)-(\\d*)$");

    private final Supplier<FleetView> fleet;
    private final FleetFiles files;

    public RemoteFiles(Supplier<FleetView> fleet, FleetFiles files) {
        this.fleet = fleet;
        this.files = files;
    }

    void handle(HttpExchange ex) throws IOException, InterruptedException {
        String[] parts = ex.getRequestURI().getPath().substring("/remote/".length()).split("/");
        if (parts.length == 2 && parts[0].equals("stat")) {
            stat(ex, parts[1]);
            return;
        }
        boolean delete = ex.getRequestMethod().equals("DELETE");
        if (!(delete || ex.getRequestMethod().equals("GET")) || parts.length != 2) {
            fail(ex, 404, "no such endpoint");
            return;
        }
        FileType type = SectorFiles.typeOfDir(parts[0]);
        SectorName sector = SectorName.parse(parts[1]);
        if (type == null || sector == null) {
            fail(ex, 500, "'" + parts[0] + "/" + parts[1] + "' is not <type>/s-t0<miner>-<number>");
            return;
        }
        FleetView view = fleet.get();
        if (delete) {
            delete(ex, view, sector, type);
            return;
        }
        String endpoint = view.holder(sector.minerId(), sector.number(), type);
        if (endpoint == null) {
            fail(ex, 500, "the fleet holds no " + parts[0] + " of " + sector);
            return;
        }
        if (SectorFiles.isDirectory(type)) {
            tar(ex, endpoint, view.allGroups(), sector, type);
        } else {
            plain(ex, endpoint, view.allGroups(), sector, type);
        }
    }

    private void delete(HttpExchange ex, FleetView view, SectorName sector, FileType type) throws IOException, InterruptedException {
        List<String> keep = keep(ex.getRequestURI().getRawQuery());
        Set<String> holders = new TreeSet<>();
        for (Map.Entry<FleetView.Path, Set<FileType>> e : view.holdings(sector.minerId(), sector.number()).entrySet()) {
            if (e.getValue().contains(type) && !keep.contains(e.getKey().spec().id)) {
                holders.add(e.getKey().worker());
            }
        }
        List<String> failures = new ArrayList<>();
        for (String worker : holders) {
            String endpoint = view.endpointOf(worker);
            String failure = endpoint == null ? "worker " + worker + " holds it and is not reachable"
                    : files.delete(endpoint, sector, type, keep);
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            fail(ex, 500, "cannot delete the " + SectorFiles.dirName(type) + " of " + sector + ": " + String.join("; ", failures));
            return;
        }
        BridgeServer.send(ex, 200, "text/plain; charset=utf-8", new byte[0]);
    }

    /** Storage IDs in {@code keep=<id>[.<id>…]}: the copies Lotus asks to spare. */
    private static List<String> keep(String rawQuery) {
        List<String> out = new ArrayList<>();
        if (rawQuery != null) {
            for (String kv : rawQuery.split("&")) {
                if (kv.startsWith("keep=") && kv.length() > 5) {
                    out.addAll(List.of(URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8).split("\\.")));
                }
            }
        }
        return out;
    }

    private void plain(HttpExchange ex, String endpoint, List<String> groups, SectorName sector, FileType type) throws IOException, InterruptedException {
        List<FleetFiles.Entry> m = files.manifest(endpoint, groups, sector, type);
        long size = m.isEmpty() ? 0 : m.get(0).size();
        long from = 0;
        long to = size - 1;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher r = RANGE.matcher(range.trim());
            if (!r.matches() || Long.parseLong(r.group(1)) >= size) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                fail(ex, 416, "range " + range + " is outside the " + size + "-byte file");
                return;
            }
            from = Long.parseLong(r.group(1));
            to = r.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(r.group(2)));
        }
        HttpResponse<InputStream> src = files.open(endpoint, groups, sector, type, null, from);
        try (InputStream in = src.body()) {
            if (src.statusCode() != 200 && src.statusCode() != 206) {
                fail(ex, 500, "the worker answered " + src.statusCode());
                return;
            }
            long length = to - from + 1;
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (range != null) {
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            ex.sendResponseHeaders(range != null ? 206 : 200, length <= 0 ? -1 : length);
            copy(in, ex.getResponseBody(), length);
        }
    }

    /** A flat tar (ustar): one entry per whitelisted file, named by its file name. */
    private void tar(HttpExchange ex, String endpoint, List<String> groups, SectorName sector, FileType type) throws IOException, InterruptedException {
        List<FleetFiles.Entry> entries = files.manifest(endpoint, groups, sector, type).stream()
                .filter(e -> CacheWhitelist.allows(e.name(), e.size())).toList();
        long length = 1024;
        for (FleetFiles.Entry e : entries) {
            length += 512 + (e.size() + 511) / 512 * 512;
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-tar");
        ex.sendResponseHeaders(200, length);
        OutputStream out = ex.getResponseBody();
        for (FleetFiles.Entry e : entries) {
            out.write(TarHeader.of(e.name(), e.size()));
            HttpResponse<InputStream> src = files.open(endpoint, groups, sector, type, e.name(), 0);
            try (InputStream in = src.body()) {
                if (src.statusCode() != 200) {
                    throw new IOException("worker " + endpoint + " answered " + src.statusCode() + " for " + e.name());
                }
                copy(in, out, e.size());
            }
            out.write(new byte[(int) ((512 - e.size() % 512) % 512)]);
        }
        out.write(new byte[1024]);
    }

    private void stat(HttpExchange ex, String id) throws IOException {
        for (FleetView.Path p : fleet.get().paths()) {
            if (p.spec().id.equals(id)) {
                long cap = p.status().capacityBytes == null ? 0 : p.status().capacityBytes;
                long avail = p.status().availableBytes == null ? 0 : p.status().availableBytes;
                BridgeServer.sendJson(ex, 200, LotusJson.MAPPER.createObjectNode().put("Capacity", cap).put("Available", avail)
                        .put("FSAvailable", avail).put("Reserved", 0).put("Max", 0).put("Used", Math.max(0, cap - avail)));
                return;
            }
        }
        fail(ex, 404, "no storage path " + id + " in the fleet");
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("the worker's stream ended " + left + " bytes early");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void fail(HttpExchange ex, int code, String message) throws IOException {
        BridgeServer.send(ex, code, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
