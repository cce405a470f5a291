package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealfleet.table.FileType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker-to-worker transfer: token, resume, checksums, storage groups at both ends, never a partial file under a final name. */
class TransferTest {
    private static final String TOKEN = "s3cret-transfer-token";
    private static final SectorName SECTOR = SectorName.of("f01000", 7);
    private static final EnumSet<FileType> CACHE_AND_SEALED = EnumSet.of(FileType.cache, FileType.sealed);

    @TempDir
    Path tmp;
    private SectorFiles source;
    private SectorFiles target;
    private TransferServer server;

    @BeforeEach
    void sectorOnTheSourceWorker() throws IOException {
        source = new SectorFiles(tmp.resolve("a"));
        target = new SectorFiles(tmp.resolve("b"));
        source.create();
        target.create();
        Random r = new Random(7);
        Files.write(source.path(FileType.sealed, SECTOR), bytes(r, 300_000));
        Path cache = source.path(FileType.cache, SECTOR);
        Files.createDirectories(cache);
        Files.write(cache.resolve("p_aux"), bytes(r, 64));
        Files.write(cache.resolve("sc-02-data-tree-r-last.dat"), bytes(r, 200_000));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private TransferServer serve(List<String> allowTo, long cutAfter) throws IOException {
        server = new TransferServer(new InetSocketAddress("127.0.0.1", 0), TOKEN,
                List.of(new TransferServer.SourcePath(source, allowTo)), DeleteGuard.NONE, cutAfter);
        return server;
    }

    private void assertSameFiles() throws IOException {
        assertThat(target.path(FileType.sealed, SECTOR)).hasSameBinaryContentAs(source.path(FileType.sealed, SECTOR));
        for (String f : List.of("p_aux", "sc-02-data-tree-r-last.dat")) {
            assertThat(target.path(FileType.cache, SECTOR).resolve(f)).hasSameBinaryContentAs(source.path(FileType.cache, SECTOR).resolve(f));
        }
    }

    private List<Path> partials() throws IOException {
        try (Stream<Path> s = Files.walk(target.root())) {
            return s.filter(p -> p.getFileName().toString().endsWith(SectorFiles.PARTIAL)).toList();
        }
    }

    @Test
    void fetchCopiesCacheAndSealedAndVerifiesThem() throws Exception {
        serve(null, Long.MAX_VALUE);
        long n = new SectorFetcher(TOKEN).fetch(server.baseUri(), SECTOR, CACHE_AND_SEALED, target, null, List.of());
        assertThat(n).isEqualTo(300_000 + 64 + 200_000);
        assertSameFiles();
        assertThat(target.present(SECTOR)).containsExactlyInAnyOrder(FileType.cache, FileType.sealed);
        assertThat(partials()).isEmpty();
    }

    @Test
    void wrongTokenIsRefused() throws Exception {
        serve(null, Long.MAX_VALUE);
        assertThatThrownBy(() -> new SectorFetcher("guess").fetch(server.baseUri(), SECTOR, CACHE_AND_SEALED, target, null, List.of()))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("answered 401: missing or wrong bearer token")
                .satisfies(e -> assertThat(((TransferException) e).retriable()).isFalse());
        assertThat(target.present(SECTOR)).isEmpty();
    }

    @Test
    void transferCutHalfWayResumesWhereItStopped() throws Exception {
        serve(null, 100_000);
        SectorFetcher fetcher = new SectorFetcher(TOKEN);
        assertThatThrownBy(() -> fetcher.fetch(server.baseUri(), SECTOR, EnumSet.of(FileType.sealed), target, null, List.of()))
                .isInstanceOf(TransferException.class).hasMessageContaining("it resumes from there");
        assertThat(target.present(SECTOR)).doesNotContain(FileType.sealed);
        Path partial = target.path(FileType.sealed, SECTOR).resolveSibling(SECTOR + SectorFiles.PARTIAL);
        long kept = Files.size(partial);
        assertThat(kept).isBetween(1L, 100_000L);
        server.close();
        serve(null, Long.MAX_VALUE);
        long second = fetcher.fetch(server.baseUri(), SECTOR, EnumSet.of(FileType.sealed), target, null, List.of());
        assertThat(second).isEqualTo(300_000 - kept);
        assertThat(target.path(FileType.sealed, SECTOR)).hasSameBinaryContentAs(source.path(FileType.sealed, SECTOR));
        assertThat(partials()).isEmpty();
    }

    @Test
    void corruptPartialCopyIsDiscardedNotPublished() throws Exception {
        serve(null, Long.MAX_VALUE);
        Path partial = target.path(FileType.sealed, SECTOR).resolveSibling(SECTOR + SectorFiles.PARTIAL);
        Files.write(partial, new byte[1000]);
        assertThatThrownBy(() -> new SectorFetcher(TOKEN).fetch(server.baseUri(), SECTOR, EnumSet.of(FileType.sealed), target, null, List.of()))
                .hasMessageContaining("does not match the source's").hasMessageContaining("partial copy was removed");
        assertThat(target.path(FileType.sealed, SECTOR)).doesNotExist();
        assertThat(partial).doesNotExist();
        new SectorFetcher(TOKEN).fetch(server.baseUri(), SECTOR, EnumSet.of(FileType.sealed), target, null, List.of());
        assertThat(target.path(FileType.sealed, SECTOR)).hasSameBinaryContentAs(source.path(FileType.sealed, SECTOR));
    }

    @Test
    void storageGroupsForbidTheCopyAtTheFetchingEnd() throws Exception {
        serve(List.of("group-1"), Long.MAX_VALUE);
        assertThatThrownBy(() -> new SectorFetcher(TOKEN).fetch(server.baseUri(), SECTOR, CACHE_AND_SEALED, target,
                List.of("group-1"), List.of("group-2")))
                .isInstanceOf(TransferException.class)
                .hasMessage("storage groups forbid the copy: sectors on this path may go only to [group-1], the target is in [group-2]");
    }

    @Test
    void storageGroupsForbidTheCopyAtTheServingEnd() throws Exception {
        serve(List.of("group-1"), Long.MAX_VALUE);
        // A fetcher that does not know (or ignores) the source's allowTo is still refused by the source.
        assertThatThrownBy(() -> new SectorFetcher(TOKEN).fetch(server.baseUri(), SECTOR, CACHE_AND_SEALED, target,
                null, List.of("group-2")))
                .hasMessageContaining("answered 403: storage groups forbid the copy");
        long n = new SectorFetcher(TOKEN).fetch(server.baseUri(), SECTOR, CACHE_AND_SEALED, target, null, List.of("group-1"));
        assertThat(n).isPositive();
    }

    @Test
    void pathsOutsideTheSectorLayoutAreNotServed() throws Exception {
        serve(null, Long.MAX_VALUE);
        var http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/v1/sectors/s-t01000-7/cache/..%2F..%2Fsecret", "/v1/sectors/../../etc/passwd", "/v1/sectors/s-t01000-7/sealed/x")) {
            var resp = http.send(java.net.http.HttpRequest.newBuilder(server.baseUri().resolve(path))
                    .header("Authorization", "Bearer " + TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).as(path).isEqualTo(404);
        }
    }
}
