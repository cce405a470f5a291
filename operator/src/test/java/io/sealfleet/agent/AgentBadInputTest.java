package io.sealfleet.agent;

import static io.sealfleet.agent.AgentTransferEndToEndTest.NO_BACKOFF;
import static io.sealfleet.agent.AgentTransferEndToEndTest.sector;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad inputs fail the task for good with a message naming what is wrong, and disturb nothing else. */
class AgentBadInputTest extends AgentTestBase {
    @BeforeEach
    void worker() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(AgentHarness.sealingWorker("w", "[AddPiece, PreCommit1, PreCommit2]"));
        h.startAgent("w");
        h.awaitWorkerReady("w");
    }

    private static String task(String name, long sector, String type, String more) {
        return AgentHarness.task(name, sector, "2KiB", type, more);
    }

    @Test
    void addPieceOfAMissingPieceFileFailsNamingTheFileWhileAnotherTaskOnTheWorkerSucceeds() throws Exception {
        Path missing = tmp.resolve("no-such-dir").resolve("deal-missing.bin");
        h.apply(task("s1-ap", 1, "AddPiece", "deals: 1\npieces:\n  - {source: " + missing + "}\n"));
        h.apply(task("s2-ap", 2, "AddPiece", ""));

        SectorTaskStatus bad = h.awaitPhase("s1-ap", TaskPhase.Failed, Duration.ofSeconds(30)).getStatus();
        AgentHarness.await("s1-ap failed for good", Duration.ofSeconds(10), () -> AgentHarness.failedForGood(h.task("s1-ap")),
                () -> AgentHarness.Json.of(h.task("s1-ap").getStatus()));
        bad = h.task("s1-ap").getStatus();
        assertThat(bad.reason).isEqualTo("InputMissing");
        assertThat(bad.message).contains(missing.toString()).contains("spec.pieces[0].source").contains("failed 1 of 1 attempts");
        assertThat(bad.conditions).anyMatch(c -> "Succeeded".equals(c.type) && "False".equals(c.status));
        assertThat(h.file("w", "w-seal", "unsealed", "s-t01000-1")).doesNotExist();
        h.assertStorageClean("w", "s1-ap");

        h.awaitPhase("s2-ap", TaskPhase.Succeeded, Duration.ofSeconds(30));
        h.assertSucceededOnce("s2-ap");
        assertThat(h.file("w", "w-seal", "unsealed", "s-t01000-2")).hasSize(2048);
        h.assertStorageClean("w", "s2-ap");
    }

    @Test
    void preCommit2WithARemovedOrTruncatedLayerFailsNamingTheLayer() throws Exception {
        h.apply(sector("s3-ap", 3, "2KiB", "03".repeat(32), "PreCommit1", NO_BACKOFF, ""));
        h.apply(sector("s4-ap", 4, "2KiB", "04".repeat(32), "PreCommit1", NO_BACKOFF, ""));
        h.awaitPhase("s3-pc1", TaskPhase.Succeeded, Duration.ofSeconds(30));
        h.awaitPhase("s4-pc1", TaskPhase.Succeeded, Duration.ofSeconds(30));
        Path removed = h.file("w", "w-seal", "cache", "s-t01000-3").resolve("sc-02-data-layer-2.dat");
        Files.delete(removed);
        Path truncated = h.file("w", "w-seal", "cache", "s-t01000-4").resolve("sc-02-data-layer-1.dat");
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(100);
        }
        h.apply(task("s3-pc2", 3, "PreCommit2", ""));
        h.apply(task("s4-pc2", 4, "PreCommit2", ""));

        for (String t : new String[] {"s3-pc2", "s4-pc2"}) {
            h.awaitPhase(t, TaskPhase.Failed, Duration.ofSeconds(30));
            AgentHarness.await(t + " failed for good", Duration.ofSeconds(10), () -> AgentHarness.failedForGood(h.task(t)),
                    () -> AgentHarness.Json.of(h.task(t).getStatus()));
            assertThat(h.task(t).getStatus().reason).as(t).isEqualTo("KernelFailed");
            h.assertStorageClean("w", t);
        }
        assertThat(h.task("s3-pc2").getStatus().message).contains("sealer pc2").contains("sc-02-data-layer-2.dat")
                .contains("No such file");
        assertThat(h.task("s4-pc2").getStatus().message).contains("sc-02-data-layer-1.dat").contains("has 100 bytes; expected 2048");
        for (String s : new String[] {"s-t01000-3", "s-t01000-4"}) {
            assertThat(h.file("w", "w-seal", "sealed", s)).as("no replica of " + s).doesNotExist();
        }
    }
}
