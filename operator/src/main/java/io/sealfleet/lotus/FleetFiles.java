package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.agent.SectorFiles;
import io.sealfleet.agent.SectorName;
import io.sealfleet.agent.TransferServer;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sector files from the fleet's agents over their authenticated transfer endpoint
 * ({@code GET /v1/sectors/<sector>/<type>[/<file>]}, the cluster's transfer token as Bearer).
 */
public final class FleetFiles {
    /** One file of a sector as the agent lists it: its name inside a cache directory ("" for a plain file) and size. */
    public record Entry(String name, long size) {
    }

    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FleetFiles(String token) {
        this.token = token;
    }

    public byte[] read(String endpoint, List<String> groups, SectorName sector, FileType type, String file) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request(endpoint, groups, sector, type, file, null), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("worker " + endpoint + " answered " + r.statusCode() + " for " + sector + " "
                    + SectorFiles.dirName(type) + (file == null ? "" : "/" + file));
        }
        return r.body();
    }

    /** Streams one file (or its rest from {@code from}); the caller closes the response body. */
    public HttpResponse<InputStream> open(String endpoint, List<String> groups, SectorName sector, FileType type, String file, long from)
            throws IOException, InterruptedException {
        return http.send(request(endpoint, groups, sector, type, file, from > 0 ? "bytes=" + from + "-" : null),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    public List<Entry> manifest(String endpoint, List<String> groups, SectorName sector, FileType type) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + "/v1/sectors/" + sector + "/manifest?types=" + SectorFiles.dirName(type));
        HttpResponse<byte[]> r = http.send(withGroups(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token), groups).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("worker " + endpoint + " answered " + r.statusCode() + " for the manifest of " + sector);
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode f : LotusJson.MAPPER.readTree(r.body()).path("files")) {
            out.add(new Entry(f.path("name").asText(""), f.path("size").asLong()));
        }
        return out;
    }

    /**
     * Removes the sector's file of that type from the agent's paths, sparing the paths named in
     * {@code keep}.
     *
     * @return null when the agent holds no such file any more, else its refusal in words
     */
    public String delete(String endpoint, SectorName sector, FileType type, List<String> keep) throws InterruptedException {
        String query = keep.isEmpty() ? "" : "?keep=" + String.join(".", keep);
        URI uri = URI.create(endpoint + "/v1/sectors/" + sector + "/" + SectorFiles.dirName(type) + query);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).DELETE()
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? null : "worker " + endpoint + " answered " + r.statusCode() + ": " + r.body().strip();
        } catch (IOException e) {
            return "worker " + endpoint + " unreachable: " + e.getMessage();
        }
    }

    private static HttpRequest.Builder withGroups(HttpRequest.Builder b, List<String> groups) {
        return groups.isEmpty() ? b : b.header(TransferServer.GROUPS_HEADER, String.join(",", groups));
    }

    private HttpRequest request(String endpoint, List<String> groups, SectorName sector, FileType type, String file, String range) {
        URI uri = URI.create(endpoint + "/v1/sectors/" + sector + "/" + SectorFiles.dirName(type) + (file == null ? "" : "/" + file));
        HttpRequest.Builder b = withGroups(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token), groups);
        if (range != null) {
            b.header("Range", range);
        }
        return b.build();
    }
}
