package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's delete of sector files: token, only the named sector and type, never outside its paths, idempotent, never under a running task. */
class TransferDeleteTest {
    private static final String TOKEN = "s3cret-transfer-token";
    private static final SectorName SEVEN = SectorName.of("f01000", 7);
    private static final SectorName EIGHT = SectorName.of("f01000", 8);

    @TempDir
    Path tmp;
    private SectorFiles a;
    private SectorFiles b;
    private Path outside;
    private TransferServer server;
    private final Set<SectorName> running = ConcurrentHashMap.newKeySet();
    private final List<SectorName> reported = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void twoPathsWithSectorsAndAFileOutside() throws IOException {
        a = new SectorFiles(tmp.resolve("storage").resolve("p-a"));
        b = new SectorFiles(tmp.resolve("storage").resolve("p-b"));
        a.create();
        b.create();
        for (SectorFiles f : List.of(a, b)) {
            Files.write(f.path(FileType.unsealed, SEVEN), new byte[300_000]);
        }
        Files.write(a.path(FileType.sealed, SEVEN), new byte[1000]);
        Files.write(a.path(FileType.unsealed, EIGHT), new byte[1000]);
        Files.createDirectories(a.path(FileType.cache, SEVEN));
        Files.write(a.path(FileType.cache, SEVEN).resolve("p_aux"), new byte[64]);
        outside = tmp.resolve("outside");
        Files.createDirectories(outside.resolve("unsealed"));
        Files.write(outside.resolve("unsealed").resolve("s-t01000-7"), new byte[10]);
        Files.write(tmp.resolve("storage").resolve("keepme"), new byte[10]);
        DeleteGuard guard = new DeleteGuard() {
            @Override
            public String claim(SectorName sector) {
                return running.contains(sector) ? "task ns/pc1-" + sector.number() + " of the sector runs on w-1" : null;
            }

            @Override
            public void done(SectorName sector, boolean removed) {
                synchronized (reported) {
                    if (removed) {
                        reported.add(sector);
                    }
                }
            }
        };
        server = new TransferServer(new InetSocketAddress("127.0.0.1", 0), TOKEN,
                List.of(new TransferServer.SourcePath(a, null), new TransferServer.SourcePath(b, null)), guard);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.baseUri() + path)).DELETE();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request line byte for byte, so that no client normalises the path first. */
    private int rawDelete(String rawPath) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("DELETE " + rawPath + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void aDeleteWithoutTheTokenOrWithAWrongOneIsRefusedAndRemovesNothing() throws Exception {
        assertThat(delete("/v1/sectors/s-t01000-7/unsealed", null).statusCode()).isEqualTo(401);
        assertThat(delete("/v1/sectors/s-t01000-7/unsealed", "guess").statusCode()).isEqualTo(401);
        assertThat(a.path(FileType.unsealed, SEVEN)).exists();
        assertThat(b.path(FileType.unsealed, SEVEN)).exists();
    }

    @Test
    void aDeleteRemovesThatTypeOfThatSectorFromEveryPathAndNothingElse() throws Exception {
        HttpResponse<String> r = delete("/v1/sectors/s-t01000-7/unsealed", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("p-a", "p-b");
        assertThat(a.path(FileType.unsealed, SEVEN)).doesNotExist();
        assertThat(b.path(FileType.unsealed, SEVEN)).doesNotExist();
        assertThat(a.path(FileType.sealed, SEVEN)).exists();
        assertThat(a.path(FileType.cache, SEVEN).resolve("p_aux")).exists();
        assertThat(a.path(FileType.unsealed, EIGHT)).exists();
        assertThat(reported).containsExactly(SEVEN);

        assertThat(delete("/v1/sectors/s-t01000-7/cache", TOKEN).statusCode()).isEqualTo(200);
        assertThat(a.path(FileType.cache, SEVEN)).doesNotExist();
        assertThat(a.path(FileType.sealed, SEVEN)).exists();
    }

    @Test
    void deletingWhatIsNotThereSucceedsAndReportsNothing() throws Exception {
        assertThat(delete("/v1/sectors/s-t01000-7/unsealed", TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> again = delete("/v1/sectors/s-t01000-7/unsealed", TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("no unsealed of s-t01000-7 here");
        assertThat(delete("/v1/sectors/s-t01000-99/sealed", TOKEN).statusCode()).isEqualTo(200);
        assertThat(reported).containsExactly(SEVEN);
    }

    @Test
    void keptPathsKeepTheirCopy() throws Exception {
        assertThat(delete("/v1/sectors/s-t01000-7/unsealed?keep=p-a", TOKEN).statusCode()).isEqualTo(200);
        assertThat(a.path(FileType.unsealed, SEVEN)).exists();
        assertThat(b.path(FileType.unsealed, SEVEN)).doesNotExist();
    }

    @Test
    void aDeleteIsRefusedWithTheReasonWhileATaskOfTheSectorRunsAndOtherSectorsStillGo() throws Exception {
        running.add(SEVEN);
        HttpResponse<String> r = delete("/v1/sectors/s-t01000-7/unsealed", TOKEN);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("task ns/pc1-7 of the sector runs on w-1");
        assertThat(a.path(FileType.unsealed, SEVEN)).exists();
        assertThat(delete("/v1/sectors/s-t01000-8/unsealed", TOKEN).statusCode()).isEqualTo(200);
        assertThat(a.path(FileType.unsealed, EIGHT)).doesNotExist();
        running.clear();
        assertThat(delete("/v1/sectors/s-t01000-7/unsealed", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void pathEscapeAttemptsAreRefusedAndTouchNothing() throws Exception {
        for (String raw : List.of("/v1/sectors/../../outside/unsealed", "/v1/sectors/s-t01000-7/../../../outside",
                "/v1/sectors/%2e%2e/unsealed", "/v1/sectors/s-t01000-7/unsealed%2f..%2f..%2f..%2foutside",
                "/v1/sectors/s-t01000-7/..%2f..%2fkeepme", "/v1/sectors/s-t01000-7/unsealed/s-t01000-7",
                "/v1/sectors/s-t01000-7/cache/p_aux", "/v1/sectors/s-t01000-7/piece", "/v1/sectors/keepme/unsealed",
                "/v1/sectors/s-t01000-7/")) {
            assertThat(rawDelete(raw)).as(raw).isEqualTo(404);
        }
        assertThat(outside.resolve("unsealed").resolve("s-t01000-7")).exists();
        assertThat(tmp.resolve("storage").resolve("keepme")).exists();
        assertThat(a.path(FileType.unsealed, SEVEN)).exists();
        assertThat(a.path(FileType.cache, SEVEN).resolve("p_aux")).exists();
        assertThat(reported).isEmpty();
    }

    @Test
    void aSectorFileThatIsALinkOutsideLosesTheLinkNotItsTarget() throws Exception {
        Path link = a.path(FileType.update, SEVEN);
        Files.createSymbolicLink(link, outside.resolve("unsealed").resolve("s-t01000-7"));
        Path dirLink = a.path(FileType.updateCache, SEVEN);
        Files.createSymbolicLink(dirLink, outside.resolve("unsealed"));
        assertThat(delete("/v1/sectors/s-t01000-7/update", TOKEN).statusCode()).isEqualTo(200);
        assertThat(delete("/v1/sectors/s-t01000-7/update-cache", TOKEN).statusCode()).isEqualTo(200);
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(dirLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(outside.resolve("unsealed").resolve("s-t01000-7")).exists();
    }

    @Test
    void theDeletedBytesComeBackAsFreeSpaceOnAPathWithMaxStorage() throws Exception {
        PathSpace space = new PathSpace(b, 1_000_000);
        long before = space.free();
        assertThat(delete("/v1/sectors/s-t01000-7/unsealed", TOKEN).statusCode()).isEqualTo(200);
        assertThat(space.free() - before).isEqualTo(300_000);
    }
}
