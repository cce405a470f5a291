package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two agents, the operator and the real kernels: worker a adds pieces and runs PreCommit1, worker b
 * runs PreCommit2 after fetching the sector from a over the agents' HTTP transfer (a's group may copy
 * to b's). The commitments in the task status are the ones the sealer gives when run directly.
 */
class AgentTransferEndToEndTest extends AgentTestBase {
    static final String TICKET_1 = "01".repeat(32);
    static final String TICKET_2 = "02".repeat(32);
    static final String SEED = "a1".repeat(32);

    /** Two workers in two groups; {@code aAllowTo} is where group ga's sectors may be copied. */
    static String workers(String aAllowTo) {
        return """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: StorageGroup
                metadata: {name: ga}
                spec: {allowTo: %s}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: StorageGroup
                metadata: {name: gb}
                spec: {allowTo: [gb]}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: a}
                spec:
                  tasks: [AddPiece, PreCommit1]
                  resources: {cpu: 2, memory: 4Gi}
                  storage:
                    - {id: a-seal, hostPath: /srv/a, canSeal: true, groups: [ga]}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: b}
                spec:
                  tasks: [PreCommit2]
                  resources: {cpu: 2, memory: 4Gi}
                  storage:
                    - {id: b-seal, hostPath: /srv/b, canSeal: true, groups: [gb]}
                """.formatted(aAllowTo);
    }

    static final String NO_BACKOFF = "{backoffSeconds: 0}";

    static String sector(String name, long number, String size, String ticket, String end, String retry, String more) {
        return """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: %s}
                spec:
                  miner: t01000
                  sector: %d
                  sectorSize: %s
                  type: AddPiece
                  pipeline: true
                  pipelineEnd: %s
                  ticket: "%s"
                  seed: "%s"
                  retry: %s
                %s""".formatted(name, number, size, end, ticket, SEED, retry, more.indent(2));
    }

    @Test
    void preCommit2RunsOnTheOtherWorkerAfterAnHttpFetchAndGivesTheSealersCommR() throws Exception {
        Path payload = tmp.resolve("deal.bin");
        byte[] bytes = AgentHarness.randomFile(payload, 1000, 42);
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(workers("[gb]"));
        h.startAgent("a");
        h.startAgent("b");
        h.awaitWorkerReady("a", "b");
        h.apply(sector("s1-ap", 1, "2KiB", TICKET_1, "Commit1", NO_BACKOFF, ""));
        h.apply(sector("s2-ap", 2, "2KiB", TICKET_2, "Commit1", NO_BACKOFF, "deals: 1\npieces:\n  - {source: " + payload + "}\n"));

        for (String s : new String[] {"s1", "s2"}) {
            h.awaitPhase(s + "-c1", TaskPhase.Succeeded, Duration.ofSeconds(60));
            assertThat(h.task(s + "-ap").getStatus().worker).isEqualTo("a");
            assertThat(h.task(s + "-pc1").getStatus().worker).isEqualTo("a");
            SectorTask pc2 = h.task(s + "-pc2");
            assertThat(pc2.getStatus().worker).as("PreCommit2 of " + s).isEqualTo("b");
            assertThat(h.history(s + "-pc2")).as("PreCommit2 of %s prepared (fetched) on b", s)
                    .anyMatch(st -> st.phase == TaskPhase.Preparing && "b".equals(st.worker));
            for (String t : new String[] {"-ap", "-pc1", "-pc2", "-c1"}) {
                h.assertSucceededOnce(s + t);
            }
        }
        // b got the sector from a: the same unsealed bytes and PC1 layers, now on b's own path.
        for (String sec : new String[] {"s-t01000-1", "s-t01000-2"}) {
            Path onA = h.file("a", "a-seal", "unsealed", sec);
            Path onB = h.file("b", "b-seal", "unsealed", sec);
            assertThat(Files.mismatch(onA, onB)).as("unsealed of %s copied to b", sec).isEqualTo(-1L);
            for (String layer : new String[] {"sc-02-data-layer-1.dat", "sc-02-data-layer-2.dat", "sc-02-data-tree-d.dat"}) {
                assertThat(Files.mismatch(h.file("a", "a-seal", "cache", sec).resolve(layer), h.file("b", "b-seal", "cache", sec)
                        .resolve(layer))).as("%s of %s copied to b", layer, sec).isEqualTo(-1L);
            }
            assertThat(h.file("b", "b-seal", "sealed", sec)).isRegularFile();
        }

        // The same sectors sealed by the sealer directly: a CC sector is the all-zero file of the sector size.
        Path direct = Files.createDirectories(tmp.resolve("direct"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(direct.resolve("un-1").toFile(), "rw")) {
            f.setLength(2048);
        }
        JsonNode ap = AgentHarness.runSealer(direct, "add-piece", "--sector-size", "2KiB", "--input", payload.toString(),
                "--unsealed", "un-2");
        assertThat(h.task("s2-ap").getStatus().outputs.commD).isEqualTo(ap.path("commD").asText());
        assertThat(h.task("s2-ap").getStatus().outputs.pieces).containsExactly(ap.path("pieces").get(0).path("commP").asText());
        String[][] sectors = {{"1", TICKET_1}, {"2", TICKET_2}};
        for (String[] s : sectors) {
            Files.createDirectories(direct.resolve("cache-" + s[0]));
            JsonNode pc1 = AgentHarness.runSealer(direct, "pc1", "--sector-size", "2KiB", "--miner", "t01000", "--sector", s[0],
                    "--ticket", s[1], "--unsealed", "un-" + s[0], "--cache", "cache-" + s[0], "--parent-cache",
                    AgentHarness.PARENTS.toString());
            JsonNode pc2 = AgentHarness.runSealer(direct, "pc2", "--sector-size", "2KiB", "--cache", "cache-" + s[0], "--unsealed",
                    "un-" + s[0], "--sealed", "sealed-" + s[0]);
            SectorTaskStatus pc1Task = h.task("s" + s[0] + "-pc1").getStatus();
            SectorTaskStatus pc2Task = h.task("s" + s[0] + "-pc2").getStatus();
            assertThat(pc1Task.outputs.commD).as("comm_d of sector " + s[0]).isEqualTo(pc1.path("commD").asText());
            assertThat(pc1Task.outputs.replicaId).as("replica ID of sector " + s[0]).isEqualTo(pc1.path("replicaId").asText());
            assertThat(pc2Task.outputs.commR).as("comm_r of sector " + s[0]).startsWith("bagboea4b5abc")
                    .isEqualTo(pc2.path("commR").asText());
            assertThat(Files.mismatch(direct.resolve("sealed-" + s[0]), h.file("b", "b-seal", "sealed", "s-t01000-" + s[0])))
                    .as("replica of sector " + s[0]).isEqualTo(-1L);
            // Commit1's vanilla proofs check out against those commitments.
            String c1 = h.task("s" + s[0] + "-c1").getStatus().outputs.files.get("commit1");
            JsonNode verified = AgentHarness.runSealer(direct, "verify-c1", "--proofs", c1, "--comm-r", pc2.path("commR").asText(),
                    "--comm-d", pc1.path("commD").asText());
            assertThat(verified.path("valid").asBoolean()).as("verify-c1 of sector %s: %s", s[0], verified).isTrue();
        }
        h.assertStorageClean("a", "s1-pc1");
        h.assertStorageClean("b", "s1-pc2");
        h.assertStorageClean("b", "s2-pc2");
    }
}
