package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.api.TaskPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A committed-capacity sector upgraded with a deal (SnapDeals) by the operator, a real agent and the
 * real kernels at 2 KiB: the sector is sealed, the deal's piece becomes its new data, and the
 * ReplicaUpdate pipeline encodes and proves the update; ProveReplicaUpdate2 waits for a prover; the
 * finalized upgraded sector's data is read back through ReadUnsealed.
 * What the agent made is checked against the sealer run directly.
 */
class SnapDealsEndToEndTest extends AgentTestBase {
    static final String TICKET = "01".repeat(32);
    static final String SECTOR = "s-t01000-1";

    static final String WORKER = """
            apiVersion: sealing.sealfleet.io/v1alpha1
            kind: SealingWorker
            metadata: {name: w}
            spec:
              resources: {cpu: 2, memory: 4Gi}
              storage:
                - {id: seal, hostPath: /srv/seal, canSeal: true}
                - {id: store, hostPath: /srv/store, canStore: true}
            """;

    static String task(String name, String type, String more) {
        return AgentHarness.task(name, 1, "2KiB", type, more);
    }

    @Test
    void ccSectorUpgradedThroughThePipelineMatchesTheSealerAndRegenSectorKeyGivesTheKeyBack() throws Exception {
        Path payload = tmp.resolve("deal.bin");
        byte[] bytes = AgentHarness.randomFile(payload, 1000, 7);
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(WORKER);
        h.startAgent("w");
        h.awaitWorkerReady("w");

        h.apply(task("s1-ap", "AddPiece", "pipeline: true\npipelineEnd: PreCommit2\nticket: \"" + TICKET + "\"\n"));
        h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(90));
        Path sealed = h.file("w", "seal", "sealed", SECTOR);
        byte[] sectorKey = Files.readAllBytes(sealed);

        h.apply(task("s1-snap-ap", "AddPiece", "deals: 1\npieces:\n  - {source: " + payload + "}\n"));
        TaskOutputs ap = h.awaitPhase("s1-snap-ap", TaskPhase.Succeeded, Duration.ofSeconds(60)).getStatus().outputs;
        h.apply(task("s1-snap-ru", "ReplicaUpdate", "deals: 1\npipeline: true\n"));
        h.awaitPhase("s1-snap-pr1", TaskPhase.Succeeded, Duration.ofSeconds(90));
        TaskOutputs ru = h.task("s1-snap-ru").getStatus().outputs;
        TaskOutputs pr1 = h.task("s1-snap-pr1").getStatus().outputs;

        // ProveReplicaUpdate2 is created by the pipeline and waits: nobody here has a SNARK prover.
        AgentHarness.await("s1-snap-pr2 waits for a prover", Duration.ofSeconds(30), () -> {
            SectorTask pr2 = h.task("s1-snap-pr2");
            return pr2 != null && pr2.getStatus() != null && scheduledFalse(pr2) != null
                    && "NoExternalProver".equals(scheduledFalse(pr2).reason);
        }, () -> String.valueOf(h.task("s1-snap-pr2") == null ? null : h.task("s1-snap-pr2").getStatus()));
        SectorTask pr2 = h.task("s1-snap-pr2");
        assertThat(pr2.getStatus().phase.isQueued()).isTrue();
        assertThat(scheduledFalse(pr2).message).contains("no external prover for ProveReplicaUpdate2");
        assertThat(pr2.getSpec().commRNew).as("the pipeline hands the update's commitments on").isEqualTo(ru.commRNew);
        assertThat(pr2.getSpec().commROld).isEqualTo(ru.commROld);
        assertThat(pr2.getSpec().commDNew).isEqualTo(ru.commDNew);

        // The same update made by the sealer directly, from the same sector key and the same deal data.
        Path direct = Files.createDirectories(tmp.resolve("direct"));
        Path keyCache = h.file("w", "seal", "cache", SECTOR);
        JsonNode added = AgentHarness.runSealer(direct, "add-piece", "--sector-size", "2KiB", "--input", payload.toString(),
                "--unsealed", "deal.unsealed");
        JsonNode encoded = AgentHarness.runSealer(direct, "update-encode", "--sector-size", "2KiB", "--sector-key", sealed.toString(),
                "--sector-key-cache", keyCache.toString(), "--staged-data", "deal.unsealed", "--update", "update",
                "--update-cache", "update-cache");
        assertThat(ru.commRNew).as("comm_r_new").startsWith("bagboea4b5abc").isEqualTo(encoded.path("commRNew").asText());
        assertThat(ru.commDNew).as("comm_d_new is the deal sector's comm_d").isEqualTo(added.path("commD").asText())
                .isEqualTo(ap.commD);
        assertThat(ru.commROld).as("comm_r_old is the CC sector's comm_r").isEqualTo(h.task("s1-pc2").getStatus().outputs.commR);
        Path update = h.file("w", "seal", "update", SECTOR);
        assertThat(Files.mismatch(direct.resolve("update"), update)).as("the update replica").isEqualTo(-1L);

        // Decoding the agent's replica with the sector key gives the deal data back.
        AgentHarness.runSealer(direct, "update-decode", "--sector-size", "2KiB", "--update", update.toString(), "--sector-key",
                sealed.toString(), "--comm-r-old", ru.commROld, "--comm-d", ru.commDNew, "--out", "decoded");
        assertThat(Files.mismatch(direct.resolve("decoded"), direct.resolve("deal.unsealed"))).as("decoded data").isEqualTo(-1L);

        // ProveReplicaUpdate1's proofs verify against the ReplicaUpdate's commitments.
        assertThat(pr1.commRNew).isEqualTo(ru.commRNew);
        String proofs = pr1.files.get("proofs");
        assertThat(Path.of(proofs)).isRegularFile().hasParent(h.file("w", "seal", "update-cache", SECTOR));
        JsonNode verified = AgentHarness.runSealer(direct, "verify-update-proofs", "--sector-size", "2KiB", "--proofs", proofs,
                "--comm-r-old", ru.commROld, "--comm-r-new", ru.commRNew, "--comm-d-new", ru.commDNew);
        assertThat(verified.path("valid").asBoolean()).as("verify-update-proofs: %s", verified).isTrue();

        // With the sector key released, RegenSectorKey rebuilds it byte for byte from the update and the data.
        Files.delete(sealed);
        h.apply(task("s1-gsk", "RegenSectorKey", "deals: 1\ncommROld: " + ru.commROld + "\ncommDNew: " + ru.commDNew + "\n"));
        TaskOutputs gsk = h.awaitPhase("s1-gsk", TaskPhase.Succeeded, Duration.ofSeconds(60)).getStatus().outputs;
        assertThat(gsk.commR).isEqualTo(ru.commROld);
        assertThat(Files.readAllBytes(sealed)).as("regenerated sector key").isEqualTo(sectorKey);

        // FinalizeReplicaUpdate moves the upgraded sector to long-term storage, keeping what proving needs.
        h.apply(task("s1-snap-fru", "FinalizeReplicaUpdate", "deals: 1\n"));
        h.awaitPhase("s1-snap-fru", TaskPhase.Succeeded, Duration.ofSeconds(60));
        assertThat(Files.mismatch(h.file("w", "store", "update", SECTOR), direct.resolve("update"))).isEqualTo(-1L);
        assertThat(Files.readAllBytes(h.file("w", "store", "sealed", SECTOR))).isEqualTo(sectorKey);
        assertThat(Files.mismatch(h.file("w", "store", "unsealed", SECTOR), direct.resolve("deal.unsealed"))).isEqualTo(-1L);
        assertThat(names(h.file("w", "store", "update-cache", SECTOR)))
                .containsExactlyInAnyOrder("p_aux", "t_aux", "sc-02-data-tree-r-last.dat", UpdateKernels.VANILLA_PROOFS);
        assertThat(names(h.file("w", "store", "cache", SECTOR))).contains("p_aux", "t_aux", "sc-02-data-tree-r-last.dat")
                .noneMatch(n -> n.contains("layer") || n.contains("tree-c") || n.contains("tree-d"));
        for (String dir : new String[] {"sealed", "cache", "update", "update-cache", "unsealed"}) {
            assertThat(h.file("w", "seal", dir, SECTOR)).as("sealing copy of " + dir).doesNotExist();
        }

        // Without its unsealed copy the upgraded sector's data is decoded from the update, never read from
        // the sector key (which holds the committed-capacity zeros); that needs its new comm_d.
        Files.delete(h.file("w", "store", "unsealed", SECTOR));
        String read = "ticket: \"" + TICKET + "\"\nrange: {offset: 0, length: " + bytes.length + "}\n";
        h.apply(task("s1-read-nocommd", "ReadUnsealed", read));
        SectorTask refused = h.awaitPhase("s1-read-nocommd", TaskPhase.Failed, Duration.ofSeconds(60));
        assertThat(refused.getStatus().message).contains("spec.commD").contains("upgraded");
        h.apply(task("s1-read", "ReadUnsealed", read + "commD: " + ru.commDNew + "\n"));
        TaskOutputs got = h.awaitPhase("s1-read", TaskPhase.Succeeded, Duration.ofSeconds(60)).getStatus().outputs;
        assertThat(Files.readAllBytes(Path.of(got.range.file))).as("the deal's bytes from the upgraded sector").isEqualTo(bytes);
        assertThat(Files.mismatch(h.file("w", "store", "unsealed", SECTOR), direct.resolve("deal.unsealed")))
                .as("the unsealed copy decoded from the update").isEqualTo(-1L);
        for (String t : new String[] {"s1-snap-ap", "s1-snap-ru", "s1-snap-pr1", "s1-gsk", "s1-snap-fru", "s1-read"}) {
            h.assertSucceededOnce(t);
        }
    }

    private static Condition scheduledFalse(SectorTask t) {
        return t.getStatus().conditions.stream().filter(c -> "Scheduled".equals(c.type) && "False".equals(c.status)).findFirst()
                .orElse(null);
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
