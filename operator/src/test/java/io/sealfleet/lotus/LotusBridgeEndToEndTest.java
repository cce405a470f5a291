package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealfleet.agent.AgentHarness;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet behind a lotus-miner: a miner simulator (from the protocol reference) drives the bridge
 * over JSON-RPC, the bridge runs each call as a SectorTask on the harness's operator and agent with the
 * real sealer, and every Return is checked against Lotus's shapes and against the sealer run directly.
 */
class LotusBridgeEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PROOF_2KIB = 5;
    static final byte[] TICKET_1 = filled(0x01);
    static final byte[] TICKET_2 = filled(0x02);
    static final byte[] SEED = filled(0xa1);
    static final String FLEET = """
            apiVersion: sealing.sealfleet.io/v1alpha1
            kind: StorageGroup
            metadata: {name: gseal}
            spec: {allowTo: [gstore]}
            ---
            apiVersion: sealing.sealfleet.io/v1alpha1
            kind: StorageGroup
            metadata: {name: gstore}
            spec: {allowTo: [gstore]}
            ---
            apiVersion: sealing.sealfleet.io/v1alpha1
            kind: SealingWorker
            metadata: {name: w}
            spec:
              resources: {cpu: 2, memory: 4Gi}
              externalProver: {command: [sh, -c, "cat > /dev/null; printf %s"]}
              storage:
                - {id: w-seal, hostPath: /srv/seal, canSeal: true, groups: [gseal]}
                - {id: w-store, hostPath: /srv/store, canStore: true, groups: [gstore]}
            """.formatted("groth16-proof-from-the-adapter");

    @TempDir
    Path tmp;
    AgentHarness h;
    MinerSimulator miner;
    LotusBridge bridge;

    @BeforeEach
    void fleet() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(FLEET);
        h.startAgent("w");
        h.awaitWorkerReady("w");
        miner = new MinerSimulator(Duration.ofMillis(300));
        bridge = startBridge();
        await("the bridge registers with WorkerConnect", () -> miner.registration() != null);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.kill();
        }
        if (miner != null) {
            miner.close();
        }
        if (h != null) {
            h.close();
        }
    }

    LotusBridge startBridge() throws Exception {
        BridgeConfig cfg = new BridgeConfig("sealfleet-test", AgentHarness.NS, MinerApiInfo.parse(miner.apiInfo()), "127.0.0.1", 0,
                "127.0.0.1", AgentHarness.TOKEN, tmp.resolve("bridge"), Duration.ofMillis(300), Duration.ofMillis(200));
        return new LotusBridge(h.client, cfg).start(Duration.ofSeconds(10));
    }

    @Test
    void aCcSectorAndADealSectorSealThroughTheMinersCallsWithLotusResultShapesAndTheSealersCommitments() throws Exception {
        // Registration: discovery calls answered with meaningful, non-zero resources.
        MinerSimulator.Registration reg = miner.registration();
        assertThat(reg.version()).isEqualTo(67328);
        assertThat(reg.session()).isEqualTo(bridge.session().toString());
        assertThat(reg.info().path("Hostname").asText()).isEqualTo("sealfleet-test");
        JsonNode res = reg.info().path("Resources");
        assertThat(res.path("CPUs").asInt()).isEqualTo(2);
        assertThat(res.path("MemPhysical").asLong()).isEqualTo(4L << 30);
        assertThat(res.path("MemPhysical").asLong() + res.path("MemSwap").asLong()).isPositive();
        assertThat(res.path("Resources").path("seal/v0/precommit/1").path("5").path("MaxConcurrent").asInt())
                .as("PC1 2KiB runs 2 at once on a 2-CPU worker").isEqualTo(2);
        assertThat(fieldNames(reg.taskTypes())).contains("seal/v0/addpiece", "seal/v0/precommit/1", "seal/v0/precommit/2",
                "seal/v0/commit/1", "seal/v0/commit/2", "seal/v0/finalize", "seal/v0/fetch");
        assertThat(reg.paths()).extracting(p -> p.path("ID").asText()).containsExactlyInAnyOrder("w-seal", "w-store");
        await("storage attached and healthy", () -> miner.attached.containsAll(List.of("w-seal", "w-store"))
                && miner.health.keySet().containsAll(List.of("w-seal", "w-store")));
        await("Session probes answer the registered UUID", () -> miner.probes.contains(bridge.session().toString()));

        // Sector 1: committed capacity, one null piece of the whole sector (the demo's sector 1: miner 1000, ticket 01…).
        JsonNode ap1 = call("Filecoin.AddPiece", sector(1), List.of(), 2032, Map.of("Type", "null", "Info", "2032"));
        JsonNode piece1 = result(ap1, "Filecoin.ReturnAddPiece");
        assertThat(piece1.path("Size").asLong()).isEqualTo(2048);

        // Sector 2: a deal piece pushed by the miner, then a zero filler piece.
        byte[] deal = new byte[1016];
        new Random(7).nextBytes(deal);
        UUID stream = UUID.randomUUID();
        JsonNode ap2 = call("Filecoin.AddPiece", sector(2), List.of(), 1016, Map.of("Type", "push", "Info", stream.toString()));
        assertThat(miner.push("http://127.0.0.1:" + bridge.port(), stream, deal)).isEqualTo(200);
        JsonNode dealPiece = result(ap2, "Filecoin.ReturnAddPiece");
        JsonNode ap3 = call("Filecoin.AddPiece", sector(2), List.of(1016), 1016, Map.of("Type", "null", "Info", "1016"));
        JsonNode fillerPiece = result(ap3, "Filecoin.ReturnAddPiece");
        assertThat(dealPiece.path("Size").asLong()).isEqualTo(1024);
        assertThat(cid(fillerPiece.path("PieceCID"))).isEqualTo(AgentHarness.runSealer(tmp, "commp", "--input",
                Files.write(tmp.resolve("zeros-1016"), new byte[1016]).toString()).path("commP").asText());

        // The same sectors through the sealer directly.
        Path direct = Files.createDirectories(tmp.resolve("direct"));
        Files.write(direct.resolve("deal.bin"), deal);
        Files.write(direct.resolve("filler.bin"), new byte[1016]);
        JsonNode directAp = AgentHarness.runSealer(direct, "add-piece", "--sector-size", "2KiB", "--input", "deal.bin", "--input",
                "filler.bin", "--unsealed", "un-2");
        assertThat(cid(dealPiece.path("PieceCID"))).isEqualTo(directAp.path("pieces").get(0).path("commP").asText());
        try (var f = new java.io.RandomAccessFile(direct.resolve("un-1").toFile(), "rw")) {
            f.setLength(2048);
        }

        Map<Integer, List<Object>> pieces = Map.of(1, List.of(piece1), 2, List.of(dealPiece, fillerPiece));
        Map<Integer, byte[]> tickets = Map.of(1, TICKET_1, 2, TICKET_2);
        for (int s : new int[] {1, 2}) {
            String t = b64(tickets.get(s));
            JsonNode pc1 = result(call("Filecoin.SealPreCommit1", sector(s), t, pieces.get(s)), "Filecoin.ReturnSealPreCommit1");
            byte[] pc1out = Base64.getDecoder().decode(pc1.asText());
            Files.createDirectories(direct.resolve("cache-" + s));
            JsonNode directPc1 = AgentHarness.runSealer(direct, "pc1", "--sector-size", "2KiB", "--miner", "f01000", "--sector",
                    Integer.toString(s), "--ticket", HexFormat.of().formatHex(tickets.get(s)), "--unsealed", "un-" + s, "--cache",
                    "cache-" + s, "--parent-cache", AgentHarness.PARENTS.toString());
            assertLotusPreCommit1Output(pc1out, directPc1.path("pc1Output"), tickets.get(s));
            if (s == 1) {
                assertThat(cid(piece1.path("PieceCID"))).as("a whole-sector zero piece is the CC sector's comm_d")
                        .isEqualTo(directPc1.path("commD").asText());
            }

            JsonNode cids = result(call("Filecoin.SealPreCommit2", sector(s), pc1.asText()), "Filecoin.ReturnSealPreCommit2");
            JsonNode directPc2 = AgentHarness.runSealer(direct, "pc2", "--sector-size", "2KiB", "--cache", "cache-" + s, "--unsealed",
                    "un-" + s, "--sealed", "sealed-" + s);
            assertThat(fieldNames(cids)).containsExactly("Unsealed", "Sealed");
            assertThat(cid(cids.path("Sealed"))).as("comm_r of sector %d", s).startsWith("bagboea4b5abc")
                    .isEqualTo(directPc2.path("commR").asText());
            assertThat(cid(cids.path("Unsealed"))).isEqualTo(directPc1.path("commD").asText());

            JsonNode c1 = result(call("Filecoin.SealCommit1", sector(s), t, b64(SEED), pieces.get(s), cids), "Filecoin.ReturnSealCommit1");
            byte[] c1out = Base64.getDecoder().decode(c1.asText());
            JsonNode c1json = JSON.readTree(c1out);
            assertThat(fieldNames(c1json)).contains("registered_proof", "vanilla_proofs", "comm_r", "comm_d", "replica_id", "seed",
                    "ticket");
            assertThat(c1json.path("registered_proof").asText()).isEqualTo("StackedDrg2KiBV1_1");
            Files.write(direct.resolve("c1-" + s + ".json"), c1out);
            JsonNode verified = AgentHarness.runSealer(direct, "verify-c1", "--proofs", "c1-" + s + ".json", "--comm-r",
                    directPc2.path("commR").asText(), "--comm-d", directPc1.path("commD").asText());
            assertThat(verified.path("valid").asBoolean()).as("verify-c1 of the returned Commit1 output: %s", verified).isTrue();

            // Commit2 through the worker's prover adapter: the miner gets the adapter's proof bytes.
            JsonNode proof = result(call("Filecoin.SealCommit2", sector(s), c1.asText()), "Filecoin.ReturnSealCommit2");
            assertThat(Base64.getDecoder().decode(proof.asText())).asString().isEqualTo("groth16-proof-from-the-adapter");

            JsonNode fin = call("Filecoin.FinalizeSector", sector(s));
            Call done = awaitReturn(fin, "Filecoin.ReturnFinalizeSector");
            assertThat(done.params().size()).as("ReturnFinalizeSector carries CallID and error only").isEqualTo(2);
            assertThat(done.params().get(1).isNull()).as("error of Finalize: %s", done.params().get(1)).isTrue();
        }

        // Finalized sectors are declared on the long-term path, and the miner can read them through /remote/.
        await("sealed and cache of sector 1 declared on w-store", () -> miner.declared.containsAll(List.of("w-store/1000-1/2",
                "w-store/1000-1/4")));
        String remote = "http://127.0.0.1:" + bridge.port() + "/remote/";
        HttpResponse<byte[]> sealed = miner.getRemote(remote + "sealed/s-t01000-1", MinerSimulator.WORKER_CALL_TOKEN);
        assertThat(sealed.statusCode()).isEqualTo(200);
        assertThat(sealed.body()).isEqualTo(Files.readAllBytes(direct.resolve("sealed-1")));
        HttpResponse<byte[]> cache = miner.getRemote(remote + "cache/s-t01000-1", MinerSimulator.WORKER_CALL_TOKEN);
        assertThat(cache.statusCode()).isEqualTo(200);
        assertThat(cache.headers().firstValue("Content-Type")).hasValue("application/x-tar");
        Map<String, byte[]> entries = untar(cache.body());
        assertThat(entries).containsKeys("p_aux", "t_aux").allSatisfy((name, bytes) -> assertThat(name)
                .matches("p_aux|t_aux|sc-02-data-tree-r-last(-\\d+)?\\.dat|sc-02-data-layer-\\d+\\.dat|sc-02-data-tree-[cd].*\\.dat"));
        assertThat(entries.get("p_aux")).isEqualTo(Files.readAllBytes(direct.resolve("cache-1/p_aux")));
        assertThat(miner.getRemote(remote + "sealed/s-t01000-1", null).statusCode()).as("/remote/ without a token").isEqualTo(401);
        assertThat(miner.getRemote(remote + "sealed/s-t01000-1", "forged").statusCode()).as("/remote/ with a bad token").isEqualTo(401);

        // The miner drops the deal sector's unsealed copy after Finalize: every holder deletes it, the declaration goes, the sealed copy stays.
        await("the unsealed copy of sector 2 declared", () -> miner.declared.stream().anyMatch(d -> d.endsWith("/1000-2/1")));
        assertThat(miner.deleteRemote(remote + "unsealed/s-t01000-2", null).statusCode()).as("DELETE without a token").isEqualTo(401);
        HttpResponse<String> deleted = miner.deleteRemote(remote + "unsealed/s-t01000-2", MinerSimulator.WORKER_CALL_TOKEN);
        assertThat(deleted.statusCode()).as("DELETE /remote/unsealed: %s", deleted.body()).isEqualTo(200);
        await("the unsealed copy of sector 2 dropped from the miner's index",
                () -> miner.declared.stream().noneMatch(d -> d.endsWith("/1000-2/1")));
        assertThat(miner.getRemote(remote + "unsealed/s-t01000-2", MinerSimulator.WORKER_CALL_TOKEN).statusCode()).isEqualTo(500);
        assertThat(miner.getRemote(remote + "sealed/s-t01000-2", MinerSimulator.WORKER_CALL_TOKEN).statusCode()).isEqualTo(200);
        assertThat(miner.deleteRemote(remote + "unsealed/s-t01000-2", MinerSimulator.WORKER_CALL_TOKEN).statusCode())
                .as("deleting what is gone").isEqualTo(200);

        // Fetch of files the fleet holds is answered at once.
        Call fetch = awaitReturn(call("Filecoin.Fetch", sector(2), 6, "sealing", "move"), "Filecoin.ReturnFetch");
        assertThat(fetch.params().get(1).isNull()).isTrue();
        assertThat(miner.duplicateReturns).isEmpty();

        // Every call the bridge made on the miner has the parameter shapes of Lotus's OpenRPC document.
        assertThat(miner.returnMethods()).contains("Filecoin.ReturnAddPiece", "Filecoin.ReturnSealPreCommit1",
                "Filecoin.ReturnSealPreCommit2", "Filecoin.ReturnSealCommit1", "Filecoin.ReturnSealCommit2",
                "Filecoin.ReturnFinalizeSector", "Filecoin.ReturnFetch");
        synchronized (miner.received) {
            for (MinerSimulator.Call c : miner.received) {
                OpenRpcShapes.assertParams(c.method(), c.params());
            }
        }
    }

    @Test
    void callsWithoutTheMinersTokenAreRefusedAndBadCallsGetAnErrorNamingTheParameterAndNoTask() throws Exception {
        String url = miner.registration().url();
        assertThatThrownBy(() -> miner.callWorkerWithToken(url, Duration.ofSeconds(5), "forged", "Filecoin.Info"))
                .hasMessageContaining("missing permission to invoke 'Info' (need 'admin')");
        assertThatThrownBy(() -> miner.callWorkerWithToken(url, Duration.ofSeconds(5), null, "Filecoin.TaskTypes"))
                .hasMessageContaining("need 'admin'");
        assertThatThrownBy(() -> miner.callWorker("Filecoin.NoSuchThing")).hasMessageContaining("-32601");
        assertThatThrownBy(() -> miner.callWorker("Filecoin.SealPreCommit1", Map.of("ID", Map.of("Miner", 1000, "Number", 3),
                "ProofType", 3), b64(TICKET_1), List.of())).hasMessageContaining("ProofType 3 is not sealed by sealfleet");
        assertThatThrownBy(() -> miner.callWorker("Filecoin.SealPreCommit1", sector(3), b64(TICKET_1),
                List.of(Map.of("Size", 1024, "PieceCID", Map.of("/", CommCid.zeroPiece(1024))))))
                .hasMessageContaining("params[2] (pieces): padded sizes add up to 1024 bytes, not the 2048");
        assertThat(h.client.resources(SectorTask.class).inNamespace(AgentHarness.NS).list().getItems()).isEmpty();
    }

    @Test
    void aRepeatedIdenticalCallGetsTheSameCallIdAndOneTask() throws Exception {
        Object[] params = {sector(4), List.of(), 2032, Map.of("Type", "null", "Info", "2032")};
        JsonNode first = call("Filecoin.AddPiece", params);
        JsonNode again = call("Filecoin.AddPiece", params);
        assertThat(again).isEqualTo(first);
        assertThat(h.client.resources(SectorTask.class).inNamespace(AgentHarness.NS).list().getItems()).hasSize(1);
        result(first, "Filecoin.ReturnAddPiece");
    }

    @Test
    void aBridgeKilledWithAPreCommit1InFlightSendsExactlyOneReturnAfterItsRestart() throws Exception {
        JsonNode ap = call("Filecoin.AddPiece", sector(5), List.of(), 2032, Map.of("Type", "null", "Info", "2032"));
        JsonNode piece = result(ap, "Filecoin.ReturnAddPiece");
        JsonNode pc1Call = call("Filecoin.SealPreCommit1", sector(5), b64(TICKET_1), List.of(piece));
        bridge.kill();
        String task = "lotus-" + pc1Call.path("ID").asText();
        h.awaitPhase(task, TaskPhase.Succeeded, Duration.ofSeconds(60));
        Thread.sleep(500);
        assertThat(miner.returns).as("no Return while the bridge is down").doesNotContainKey(key(pc1Call));
        await("the miner's probes see the bridge gone", () -> miner.probes.stream().anyMatch(p -> p.startsWith("error")));

        bridge = startBridge();
        JsonNode pc1 = result(pc1Call, "Filecoin.ReturnSealPreCommit1");
        assertThat(bridge.session().toString()).as("the restarted bridge is the same worker").isEqualTo(miner.registration().session());
        Thread.sleep(1500);
        long pc1Returns = miner.returns.values().stream().filter(c -> c.method().equals("Filecoin.ReturnSealPreCommit1")).count();
        assertThat(pc1Returns).isEqualTo(1);
        // The killed bridge may have sent AddPiece's Return without recording it: the miner refuses the resend, once.
        assertThat(miner.duplicateReturns).extracting(MinerSimulator.Call::method).doesNotContain("Filecoin.ReturnSealPreCommit1")
                .hasSizeLessThanOrEqualTo(1);
        // The restarted bridge's PC2 accepts the output its predecessor's call produced.
        JsonNode cids = result(call("Filecoin.SealPreCommit2", sector(5), pc1.asText()), "Filecoin.ReturnSealPreCommit2");
        assertThat(cid(cids.path("Sealed"))).startsWith("bagboea4b5abc");
    }

    @Test
    void aMinerRestartGetsStorageAttachedAndSectorsDeclaredAgainAndTheWorkerRegisteredAgain() throws Exception {
        result(call("Filecoin.AddPiece", sector(6), List.of(), 2032, Map.of("Type", "null", "Info", "2032")), "Filecoin.ReturnAddPiece");
        await("the unsealed file of sector 6 declared", () -> miner.declared.contains("w-seal/1000-6/1"));
        long connects = miner.count("Filecoin.WorkerConnect");
        miner.restart();
        assertThat(miner.attached).isEmpty();
        await("storage attached again after the miner restart", () -> miner.attached.containsAll(List.of("w-seal", "w-store")));
        await("sector 6 declared again", () -> miner.declared.contains("w-seal/1000-6/1"));
        await("registered again", () -> miner.registration() != null && miner.count("Filecoin.WorkerConnect") > connects);
        assertThat(miner.registration().session()).isEqualTo(bridge.session().toString());
    }

    @Test
    void aPreCommit2WithATamperedPreCommit1OutputIsRefusedWithTheReason() throws Exception {
        JsonNode piece = result(call("Filecoin.AddPiece", sector(7), List.of(), 2032, Map.of("Type", "null", "Info", "2032")),
                "Filecoin.ReturnAddPiece");
        JsonNode pc1 = result(call("Filecoin.SealPreCommit1", sector(7), b64(TICKET_1), List.of(piece)), "Filecoin.ReturnSealPreCommit1");
        ObjectNode out = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(pc1.asText()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) out.get("comm_d")).set(0, JSON.getNodeFactory().numberNode(
                (out.get("comm_d").get(0).asInt() + 1) % 256));
        String tampered = b64(JSON.writeValueAsBytes(out));
        assertThatThrownBy(() -> miner.callWorker("Filecoin.SealPreCommit2", sector(7), tampered))
                .hasMessageContaining("comm_d").hasMessageContaining("is not the comm_d");
        out.put("registered_proof", "StackedDrg8MiBV1_1");
        String wrongProof = b64(JSON.writeValueAsBytes(out));
        assertThatThrownBy(() -> miner.callWorker("Filecoin.SealPreCommit2", sector(7), wrongProof))
                .hasMessageContaining("registered_proof is StackedDrg8MiBV1_1");
    }

    // ---- Lotus's PreCommit1 output ----------------------------------------------------------------------

    /**
     * Lotus's form (reference §5.1): the SealPreCommitPhase1Output JSON the sealer prints, plus
     * {@code _lotus_SealRandomness} (the ticket in base64), compact with every object's keys sorted.
     */
    static void assertLotusPreCommit1Output(byte[] raw, JsonNode sealerOutput, byte[] ticket) throws IOException {
        String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode out = JSON.readTree(raw);
        assertThat(text).as("compact JSON").doesNotContain(" ", "\n");
        assertKeysSorted(out);
        assertThat(fieldNames(out)).containsExactly("_lotus_SealRandomness", "comm_d", "config", "labels", "registered_proof");
        assertThat(out.path("_lotus_SealRandomness").asText()).isEqualTo(Base64.getEncoder().encodeToString(ticket));
        ObjectNode expected = sealerOutput.deepCopy();
        expected.put("_lotus_SealRandomness", Base64.getEncoder().encodeToString(ticket));
        assertThat(withoutPaths(out)).isEqualTo(withoutPaths(expected));
        assertThat(out.path("comm_d")).hasSize(32).allMatch(JsonNode::isInt);
        assertThat(out.path("labels").path("StackedDrg2KiBV1").path("labels")).hasSize(2);
        assertThat(out.path("config").path("size").asLong()).isEqualTo(127);
    }

    static void assertKeysSorted(JsonNode n) {
        if (n.isObject()) {
            List<String> names = fieldNames(n);
            assertThat(names).as("keys of %s", n).isSorted();
            n.forEach(LotusBridgeEndToEndTest::assertKeysSorted);
        } else if (n.isArray()) {
            n.forEach(LotusBridgeEndToEndTest::assertKeysSorted);
        }
    }

    static JsonNode withoutPaths(JsonNode n) {
        JsonNode c = n.deepCopy();
        strip(c);
        return c;
    }

    private static void strip(JsonNode n) {
        if (n.isObject()) {
            if (n.has("path")) {
                ((ObjectNode) n).put("path", "<cache>");
            }
            n.forEach(LotusBridgeEndToEndTest::strip);
        } else if (n.isArray()) {
            n.forEach(LotusBridgeEndToEndTest::strip);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    record Call(String method, JsonNode params) {
    }

    JsonNode call(String method, Object... params) throws Exception {
        JsonNode id = miner.callWorker(method, params);
        assertThat(id.path("Sector").path("Miner").asLong()).as("CallID of %s: %s", method, id).isEqualTo(1000);
        UUID.fromString(id.path("ID").asText());
        return id;
    }

    static String key(JsonNode callId) {
        return callId.path("Sector").path("Miner").asLong() + "-" + callId.path("Sector").path("Number").asLong() + "-"
                + callId.path("ID").asText();
    }

    Call awaitReturn(JsonNode callId, String method) {
        await(method + " for " + key(callId), () -> miner.returns.containsKey(key(callId)));
        MinerSimulator.Call c = miner.returns.get(key(callId));
        assertThat(c.method()).isEqualTo(method);
        return new Call(c.method(), c.params());
    }

    /** Waits for the Return and checks it succeeded: [CallID, result, null]. */
    JsonNode result(JsonNode callId, String method) {
        Call c = awaitReturn(callId, method);
        assertThat(c.params().size()).isEqualTo(3);
        assertThat(c.params().get(0)).isEqualTo(callId);
        assertThat(c.params().get(2).isNull()).as("error of %s: %s", method, c.params().get(2)).isTrue();
        return c.params().get(1);
    }

    static Map<String, Object> sector(long number) {
        return Map.of("ID", Map.of("Miner", 1000, "Number", number), "ProofType", PROOF_2KIB);
    }

    static String cid(JsonNode n) {
        assertThat(n.isObject() && n.path("/").isTextual()).as("CID as {\"/\":…}: %s", n).isTrue();
        return n.path("/").asText();
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] filled(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        ByteArrayInputStream in = new ByteArrayInputStream(tar);
        while (true) {
            byte[] h = in.readNBytes(512);
            if (h.length < 512 || h[0] == 0) {
                return out;
            }
            String name = new String(h, 0, 100, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
            long size = Long.parseLong(new String(h, 124, 11, java.nio.charset.StandardCharsets.US_ASCII).trim(), 8);
            out.put(name, in.readNBytes((int) size));
            in.skipNBytes((512 - size % 512) % 512);
        }
    }

    static void await(String what, Callable<Boolean> cond) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (cond.call()) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
