package io.sealfleet.agent;

import static io.sealfleet.agent.AgentTransferEndToEndTest.NO_BACKOFF;
import static io.sealfleet.agent.AgentTransferEndToEndTest.TICKET_1;
import static io.sealfleet.agent.AgentTransferEndToEndTest.sector;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.AttemptStage;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An agent killed at the worst moments (during PreCommit1, during PreCommit2, during a transfer, and
 * between the kernel's end and the status write) and started again on the same storage root: the task
 * succeeds exactly once (the watch never sees it leave Succeeded, its outputs never change), no
 * incomplete file sits under a final name, no work directory or reservation is left behind.
 */
class AgentFaultTest extends AgentTestBase {
    private static final String SECTOR = "s-t01000-1";
    private static final long MIB = 1 << 20;

    /** One worker that runs the whole PreCommit: AddPiece, PreCommit1, PreCommit2. */
    private static final String ONE_WORKER = AgentHarness.sealingWorker("w", "[AddPiece, PreCommit1, PreCommit2]");

    private AgentHarness oneWorker() throws IOException {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.sealer = h.countingSealer();
        h.apply(ONE_WORKER);
        h.startAgent("w");
        h.awaitWorkerReady("w");
        return h;
    }

    private Path cache() {
        return h.file("w", "w-seal", "cache", SECTOR);
    }

    private Path workDirs() {
        return h.root("w").resolve("w-seal").resolve(".sealfleet").resolve("work");
    }

    private static List<Path> find(Path dir, String contains) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().contains(contains)).toList();
        }
    }

    /** After the restart the same attempt is resumed and succeeds once; the worker's storage is clean. */
    private void assertRecovered(String task) throws IOException {
        h.assertSucceededOnce(task);
        h.assertStorageClean("w", task);
        SectorTaskStatus s = h.task(task).getStatus();
        assertThat(s.attempt).as("attempt of %s (phases %s): the restarted agent resumed it", task, h.phases(task)).isEqualTo(1);
        assertThat(s.worker).isEqualTo("w");
    }

    @Test
    void killedDuringPreCommit1TheRestartedAgentRunsItAgainAndItSucceedsOnce() throws Exception {
        oneWorker();
        // A parent cache of its own: PC1 generates it first, so the kernel runs long enough to be killed in.
        h.parents = tmp.resolve("parents");
        h.kill("w");
        h.startAgent("w");
        h.apply(sector("s1-ap", 1, "8MiB", TICKET_1, "PreCommit1", NO_BACKOFF, ""));
        h.awaitPhase("s1-pc1", TaskPhase.Running, Duration.ofSeconds(30));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < until && find(workDirs(), "sc-02-data-layer").isEmpty()) {
            Thread.sleep(10);
        }
        h.kill("w");
        assertThat(h.sealerCalls("pc1")).as("sealer pc1 started before the kill").isEqualTo(1);
        Thread.sleep(300);
        assertThat(h.task("s1-pc1").getStatus().phase).as("PC1 after the kill").isEqualTo(TaskPhase.Running);
        assertThat(cache()).as("no cache published by the killed PC1").doesNotExist();

        h.startAgent("w");
        h.awaitPhase("s1-pc1", TaskPhase.Succeeded, Duration.ofSeconds(60));
        assertRecovered("s1-pc1");
        assertThat(h.sealerCalls("pc1")).as("PC1 runs again after the restart").isEqualTo(2);
        for (String layer : new String[] {"sc-02-data-layer-1.dat", "sc-02-data-layer-2.dat"}) {
            assertThat(cache().resolve(layer)).hasSize(8 * MIB);
        }
        assertThat(cache().resolve("sc-02-data-tree-d.dat")).hasSize(16 * MIB - 32);
    }

    @Test
    void killedDuringPreCommit2TheRestartedAgentRunsItAgainAndItSucceedsOnce() throws Exception {
        oneWorker();
        h.apply(sector("s1-ap", 1, "8MiB", TICKET_1, "PreCommit2", NO_BACKOFF, ""));
        h.awaitPhase("s1-pc2", TaskPhase.Running, Duration.ofSeconds(60));
        // Kill once the sealer is writing its trees (temporary files in the cache directory).
        AgentHarness.await("PC2 writing into the cache", Duration.ofSeconds(10), () -> !find(cache(), ".tmp.").isEmpty(),
                () -> String.valueOf(h.task("s1-pc2").getStatus().phase));
        h.kill("w");
        Thread.sleep(300);
        assertThat(h.task("s1-pc2").getStatus().phase).as("PC2 after the kill").isEqualTo(TaskPhase.Running);
        assertThat(h.file("w", "w-seal", "sealed", SECTOR)).as("no replica published by the killed PC2").doesNotExist();

        h.startAgent("w");
        h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(90));
        assertRecovered("s1-pc2");
        assertThat(h.sealerCalls("pc2")).as("PC2 runs again after the restart").isEqualTo(2);
        assertThat(h.file("w", "w-seal", "sealed", SECTOR)).hasSize(8 * MIB);
        assertThat(h.task("s1-pc2").getStatus().outputs.commR).startsWith("bagboea4b5abc");
        assertThat(cache().resolve("p_aux")).hasSize(64);
    }

    @Test
    void killedBetweenTheKernelsEndAndTheStatusWriteTheRestartedAgentReportsTheResultWithoutRerunning() throws Exception {
        oneWorker();
        h.kill("w");
        CountDownLatch killed = new CountDownLatch(1);
        h.startAgent("w", a -> a.testHook = AgentHarness.once(p -> p.equals("result-marker-written default/s1-pc1"), () -> {
            h.kill("w");
            killed.countDown();
        }));
        h.apply(sector("s1-ap", 1, "2KiB", TICKET_1, "PreCommit1", NO_BACKOFF, ""));
        assertThat(killed.await(60, TimeUnit.SECONDS)).as("the agent reached the result marker of s1-pc1").isTrue();
        Path marker = h.root("w").resolve(".agent-w").resolve("results").resolve("default_s1-pc1_a1.json");
        assertThat(marker).isRegularFile();
        Thread.sleep(300);
        assertThat(h.task("s1-pc1").getStatus().phase).as("PC1 after the kill").isEqualTo(TaskPhase.Running);
        assertThat(cache()).as("PC1's cache is published before the marker").isDirectory();

        h.startAgent("w");
        h.awaitPhase("s1-pc1", TaskPhase.Succeeded, Duration.ofSeconds(30));
        assertRecovered("s1-pc1");
        assertThat(h.sealerCalls("pc1")).as("the kernel ran once: the restarted agent reported the marker").isEqualTo(1);
        assertThat(marker).doesNotExist();
        assertThat(h.task("s1-pc1").getStatus().outputs.commD).startsWith("baga6ea4seaq");
    }

    @Test
    void aTransferCutAndKilledMidwayResumesAfterTheRestartAndPreCommit2SucceedsOnce() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.apply(AgentTransferEndToEndTest.workers("[gb]"));
        // a serves at most 6 MiB per response: every attempt that has more to fetch is cut, so the copy only
        // completes if each attempt resumes where the last one stopped (tree-d alone is 16 MiB).
        h.startAgent("a", a -> a.transferCutAfterBytes = 6 * MIB);
        CountDownLatch resuming = new CountDownLatch(1);
        Path bRoot = h.root("b");
        h.startAgent("b", b -> b.testHook = AgentHarness.once(p -> {
            try {
                return p.startsWith("fetching default/s1-pc2") && !find(bRoot, SectorFiles.PARTIAL).isEmpty();
            } catch (IOException e) {
                return false;
            }
        }, resuming::countDown));
        h.awaitWorkerReady("a", "b");
        h.apply(sector("s1-ap", 1, "8MiB", TICKET_1, "PreCommit2", "{maxAttempts: 12, backoffSeconds: 0}", ""));
        assertThat(resuming.await(90, TimeUnit.SECONDS)).as("b fetches again with partial files from a cut transfer").isTrue();
        Thread.sleep(20); // into the transfer
        h.kill("b");
        int attemptAtKill = h.task("s1-pc2").getStatus().attempt;
        h.startAgent("b");

        h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(120));
        h.assertSucceededOnce("s1-pc2");
        h.assertStorageClean("b", "s1-pc2");
        SectorTaskStatus s = h.task("s1-pc2").getStatus();
        assertThat(s.worker).isEqualTo("b");
        assertThat(s.attempt).as("phases %s", h.phases("s1-pc2")).isGreaterThanOrEqualTo(attemptAtKill);
        assertThat(h.history("s1-pc2")).as("attempts cut short by a's transfer server")
                .anyMatch(st -> st.report != null && st.report.stage == AttemptStage.Failed && "FetchFailed".equals(st.report.reason)
                        && st.report.message.contains("resumes from there"));
        Path onA = h.file("a", "a-seal", "cache", SECTOR);
        Path onB = h.file("b", "b-seal", "cache", SECTOR);
        for (String f : new String[] {"sc-02-data-tree-d.dat", "sc-02-data-layer-1.dat", "sc-02-data-layer-2.dat"}) {
            assertThat(Files.mismatch(onA.resolve(f), onB.resolve(f))).as("%s copied to b", f).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(h.file("a", "a-seal", "unsealed", SECTOR), h.file("b", "b-seal", "unsealed", SECTOR))).isEqualTo(-1L);
        assertThat(h.file("b", "b-seal", "sealed", SECTOR)).hasSize(8 * MIB);
        assertThat(s.outputs.commR).startsWith("bagboea4b5abc");
    }
}
