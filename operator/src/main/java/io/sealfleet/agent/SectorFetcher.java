package io.sealfleet.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Pulls a sector's files from another worker's {@link TransferServer}. Each file is written under a
 * {@code .partial} name, resumed from where an earlier attempt stopped, checked against the size
 * and SHA-256 of the manifest, then renamed; a cache directory is published only once all of its
 * files are complete. Nothing incomplete ever sits under a final name.
 */
public final class SectorFetcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;

    public SectorFetcher(String token) {
        this.token = token;
    }

    /**
     * @param sourceAllowTo the source path's effective allowTo (null: anywhere), checked before asking
     * @param targetGroups  the groups of the path the files go to
     * @return bytes downloaded (resumed bytes not counted twice)
     */
    public long fetch(URI source, SectorName sector, Set<FileType> types, SectorFiles target,
                      List<String> sourceAllowTo, List<String> targetGroups) throws TransferException, IOException {
        String forbidden = TransferServer.forbidden(sourceAllowTo, targetGroups);
        if (forbidden != null) {
            throw new TransferException(forbidden, false);
        }
        StringBuilder names = new StringBuilder();
        for (FileType t : types) {
            names.append(names.length() == 0 ? "" : ",").append(SectorFiles.dirName(t));
        }
        TransferManifest manifest = JSON.readValue(get(source, "/v1/sectors/" + sector + "/manifest?types=" + names, targetGroups, 0),
                TransferManifest.class);
        long downloaded = 0;
        for (FileType type : types) {
            Path finalPath = target.path(type, sector);
            if (Files.exists(finalPath)) {
                continue;
            }
            if (SectorFiles.isDirectory(type)) {
                Path tmpDir = finalPath.resolveSibling(finalPath.getFileName() + SectorFiles.PARTIAL);
                Files.createDirectories(tmpDir);
                for (TransferManifest.Entry e : manifest.files()) {
                    if (e.type() == type) {
                        downloaded += fetchFile(source, sector, e, tmpDir.resolve(e.name()), targetGroups);
                    }
                }
                AtomicFiles.publish(tmpDir, finalPath);
            } else {
                Files.createDirectories(finalPath.getParent());
                for (TransferManifest.Entry e : manifest.files()) {
                    if (e.type() == type) {
                        downloaded += fetchFile(source, sector, e, finalPath, targetGroups);
                    }
                }
            }
        }
        return downloaded;
    }

    private long fetchFile(URI source, SectorName sector, TransferManifest.Entry e, Path finalPath, List<String> groups)
            throws TransferException, IOException {
        if (Files.isRegularFile(finalPath) && Files.size(finalPath) == e.size()) {
            return 0;
        }
        Path partial = finalPath.resolveSibling(finalPath.getFileName() + SectorFiles.PARTIAL);
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        if (have > e.size()) {
            Files.delete(partial);
            have = 0;
        }
        String path = "/v1/sectors/" + sector + "/" + SectorFiles.dirName(e.type()) + (e.name().isEmpty() ? "" : "/" + e.name());
        long got = 0;
        if (have < e.size()) {
            try (InputStream in = get(source, path, groups, have);
                 OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                byte[] buf = new byte[1 << 16];
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    got += n;
                }
            } catch (IOException cut) {
                throw new TransferException("transfer of " + path + " from " + source + " stopped after "
                        + (have + got) + " of " + e.size() + " bytes (" + TransferException.describe(cut) + "); it resumes from there", true);
            }
        }
        long size = Files.size(partial);
        if (size != e.size()) {
            throw new TransferException(path + ": got " + size + " bytes, expected " + e.size() + "; it resumes from there", true);
        }
        String digest = FileDigests.compute(partial);
        if (!digest.equals(e.sha256())) {
            Files.delete(partial);
            throw new TransferException(path + ": SHA-256 " + digest + " does not match the source's " + e.sha256()
                    + "; the partial copy was removed", true);
        }
        try (var ch = java.nio.channels.FileChannel.open(partial, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        AtomicFiles.publish(partial, finalPath);
        return got;
    }

    private InputStream get(URI source, String path, List<String> groups, long from) throws TransferException, IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(source.resolve(path)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token)
                .header(TransferServer.GROUPS_HEADER, String.join(",", groups));
        if (from > 0) {
            req.header("Range", "bytes=" + from + "-");
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while fetching " + path, true);
        } catch (IOException io) {
            throw new TransferException("cannot reach " + source + ": " + TransferException.describe(io), true);
        }
        int code = resp.statusCode();
        if (code == 200 || code == 206) {
            return resp.body();
        }
        String why;
        try (InputStream body = resp.body()) {
            why = new String(body.readNBytes(500), StandardCharsets.UTF_8).trim();
        }
        throw new TransferException(source + path + " answered " + code + ": " + why, code >= 500);
    }

}
