package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.RangeOutput;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator, a real agent and the real sealer: a sector with a deal piece is sealed through
 * PreCommit2, then ReadUnsealed tasks return byte ranges of the piece — from the unsealed copy, then,
 * with that copy deleted, by unsealing the replica — over the agent's transfer server.
 */
class ReadUnsealedEndToEndTest extends AgentTestBase {
    private static final String TICKET = "03".repeat(32);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String WORKER = AgentHarness.sealingWorker("a", "[AddPiece, PreCommit1, PreCommit2]");

    private static String sealThroughPreCommit2(String size, Path payload) {
        return """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: s1-ap}
                spec:
                  miner: t01000
                  sector: 1
                  sectorSize: %s
                  type: AddPiece
                  deals: 1
                  pipeline: true
                  pipelineEnd: PreCommit2
                  ticket: "%s"
                  pieces:
                    - {source: %s}
                  retry: {backoffSeconds: 0}
                """.formatted(size, TICKET, payload);
    }

    private static String read(String name, String size, long offset, long length) {
        return AgentHarness.task(name, 1, size, "ReadUnsealed",
                "ticket: \"" + TICKET + "\"\nrange: {offset: " + offset + ", length: " + length + "}\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2KiB, 1500, 2032", "8MiB, 3000000, 8323072"})
    void readUnsealedReturnsThePieceBytesFromTheUnsealedCopyAndFromTheReplicaAlone(String size, int payloadBytes,
                                                                                  long sectorData) throws Exception {
        Path payloadFile = tmp.resolve("deal.bin");
        byte[] payload = AgentHarness.randomFile(payloadFile, payloadBytes, 7);
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(WORKER);
        h.startAgent("a");
        h.awaitWorkerReady("a");
        h.apply(sealThroughPreCommit2(size, payloadFile));
        h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(size.equals("2KiB") ? 60 : 240));
        Path unsealed = h.file("a", "a-seal", "unsealed", "s-t01000-1");
        byte[] original = Files.readAllBytes(unsealed);

        // (a) From the unsealed copy.
        long offset = 100;
        long length = payloadBytes - 300;
        h.apply(read("rd-copy", size, offset, length));
        RangeOutput fromCopy = succeeded("rd-copy").getStatus().outputs.range;
        byte[] expected = Arrays.copyOfRange(payload, (int) offset, (int) (offset + length));
        assertThat(fromCopy.source).isEqualTo(RangeOutput.FROM_UNSEALED_COPY);
        assertThat(fromCopy.offset).isEqualTo(offset);
        assertThat(fromCopy.length).isEqualTo(length);
        assertThat(fromCopy.sha256).isEqualTo(sha256(expected));
        assertThat(fromCopy.url).isEqualTo("/v1/ranges/" + AgentHarness.NS + "/rd-copy");
        assertThat(get(fromCopy.url, AgentHarness.TOKEN, 0).body()).as("range served by the agent").isEqualTo(expected);

        // A resumed transfer: Range from an offset gives the rest of the same bytes.
        HttpResponse<byte[]> resumed = get(fromCopy.url, AgentHarness.TOKEN, 1000);
        assertThat(resumed.statusCode()).isEqualTo(206);
        assertThat(resumed.headers().firstValue("Content-Range")).hasValue("bytes 1000-" + (length - 1) + "/" + length);
        assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(expected, 1000, expected.length));

        // A wrong token, or none, is refused.
        assertThat(get(fromCopy.url, "not-the-token", 0).statusCode()).isEqualTo(401);
        assertThat(get(fromCopy.url, null, 0).statusCode()).isEqualTo(401);

        // (b) From the sealed replica alone: the unsealed copy is gone, so the agent unseals first and keeps the copy.
        Files.delete(unsealed);
        long tailOffset = payloadBytes - 200;
        h.apply(read("rd-replica", size, tailOffset, 200));
        RangeOutput fromReplica = succeeded("rd-replica").getStatus().outputs.range;
        byte[] tail = Arrays.copyOfRange(payload, payloadBytes - 200, payloadBytes);
        assertThat(fromReplica.source).isEqualTo(RangeOutput.UNSEALED_NOW);
        assertThat(fromReplica.sha256).isEqualTo(sha256(tail));
        assertThat(get(fromReplica.url, AgentHarness.TOKEN, 0).body()).isEqualTo(tail);
        assertThat(Files.readAllBytes(unsealed)).as("the kept unsealed copy is the sector's unsealed file").isEqualTo(original);
        h.assertStorageClean("a", "rd-replica");

        // The last byte of the sector's data is the last one a range may name; one more is a field error.
        h.apply(read("rd-last", size, sectorData - 1, 1));
        assertThat(get(succeeded("rd-last").getStatus().outputs.range.url, AgentHarness.TOKEN, 0).body()).containsExactly(0);
        h.apply(read("rd-past", size, sectorData - 1, 2));
        AgentHarness.await("rd-past refused", Duration.ofSeconds(20), () -> {
            SectorTask t = h.task("rd-past");
            return t.getStatus() != null && "InvalidSpec".equals(t.getStatus().reason);
        }, () -> AgentHarness.Json.of(h.task("rd-past").getStatus()));
        SectorTask past = h.task("rd-past");
        assertThat(past.getStatus().message).startsWith("spec.range").contains("ends past the " + size + " sector's "
                + sectorData + " unpadded bytes");
        assertThat(past.getStatus().worker).as("never bound").isNull();

        // The range lives as long as its task.
        Path kept = Path.of(fromCopy.file);
        assertThat(kept).isRegularFile();
        h.client.resource(h.task("rd-copy")).delete();
        AgentHarness.await("range of the deleted task removed", Duration.ofSeconds(20), () -> !Files.exists(kept),
                () -> kept.toString());
        assertThat(get(fromCopy.url, AgentHarness.TOKEN, 0).statusCode()).isEqualTo(404);
        assertThat(Path.of(fromReplica.file)).isRegularFile();
    }

    @org.junit.jupiter.api.Test
    void aFinalizedCacheIsUnsealedWithSpecCommDAndOnlyTheRangeIsDecodedWhenThePathHasNoRoomForACopy() throws Exception {
        Path payloadFile = tmp.resolve("deal.bin");
        byte[] payload = AgentHarness.randomFile(payloadFile, 1500, 8);
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(WORKER);
        h.startAgent("a");
        h.awaitWorkerReady("a");
        h.apply(sealThroughPreCommit2("2KiB", payloadFile));
        h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(60));
        String commD = h.task("s1-pc1").getStatus().outputs.commD;

        // As after Finalize: no unsealed copy, and a cache without the layers and tree-d.
        Files.delete(h.file("a", "a-seal", "unsealed", "s-t01000-1"));
        Path cache = h.file("a", "a-seal", "cache", "s-t01000-1");
        try (var files = Files.list(cache)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("sc-02-data-layer-") || n.equals("sc-02-data-tree-d.dat")) {
                    Files.delete(f);
                }
            }
        }
        // Room for a range, not for a 2 KiB unsealed copy.
        long used = PathSpace.du(h.root("a").resolve("a-seal"));
        // A JSON patch of the one field, as `kubectl patch --type json` sends it: no resourceVersion, so the
        // agent's own status writes cannot make it conflict.
        h.client.resources(io.sealfleet.api.SealingWorker.class).inNamespace(AgentHarness.NS).withName("a")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/spec/storage/0/maxStorage\",\"value\":\"" + (used + 1000) + "\"}]");
        AgentHarness.await("the agent reports the capped path", Duration.ofSeconds(30), () -> {
            var st = h.worker("a").getStatus();
            return st != null && st.storage != null && !st.storage.isEmpty() && st.storage.get(0).availableBytes != null
                    && st.storage.get(0).availableBytes <= 1000;
        }, () -> AgentHarness.Json.of(h.worker("a").getStatus().storage));

        h.apply(read("rd-no-commd", "2KiB", 10, 300));
        AgentHarness.await("rd-no-commd failed", Duration.ofSeconds(60),
                () -> h.task("rd-no-commd").getStatus() != null && AgentHarness.failedForGood(h.task("rd-no-commd")),
                () -> AgentHarness.Json.of(h.task("rd-no-commd").getStatus()));
        assertThat(h.task("rd-no-commd").getStatus().report.reason).isEqualTo("InputMissing");
        assertThat(h.task("rd-no-commd").getStatus().report.message).startsWith("spec.commD: the cache of s-t01000-1 is finalized");

        h.apply(read("rd-commd", "2KiB", 10, 300).replace("type: ReadUnsealed", "type: ReadUnsealed\n  commD: " + commD));
        RangeOutput r = succeeded("rd-commd").getStatus().outputs.range;
        byte[] expected = Arrays.copyOfRange(payload, 10, 310);
        assertThat(r.source).isEqualTo(RangeOutput.DECODED_RANGE);
        assertThat(r.sha256).isEqualTo(sha256(expected));
        assertThat(get(r.url, AgentHarness.TOKEN, 0).body()).isEqualTo(expected);
        assertThat(h.file("a", "a-seal", "unsealed", "s-t01000-1")).as("no unsealed copy kept").doesNotExist();
        h.assertStorageClean("a", "rd-commd");
    }

    private SectorTask succeeded(String task) {
        return h.awaitPhase(task, TaskPhase.Succeeded, Duration.ofSeconds(120));
    }

    private HttpResponse<byte[]> get(String path, String token, long from) throws Exception {
        SectorTask any = h.task("s1-ap");
        String endpoint = h.worker(any.getStatus().worker).getStatus().endpoint;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(endpoint + path));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        if (from > 0) {
            req.header("Range", "bytes=" + from + "-");
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
