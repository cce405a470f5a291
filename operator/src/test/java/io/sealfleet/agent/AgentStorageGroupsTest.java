package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a's storage group may not copy to b's, the PreCommit2 of a's sector is never bound to b, and says why. */
class AgentStorageGroupsTest extends AgentTestBase {
    @Test
    void preCommit2IsNeverBoundWhenTheGroupsForbidTheCopyAndWaitsNamingTheGroups() throws Exception {
        h = new AgentHarness(tmp);
        h.apply(AgentTransferEndToEndTest.workers("[ga]"));
        h.startAgent("a");
        h.startAgent("b");
        h.awaitWorkerReady("a", "b");
        h.apply(AgentTransferEndToEndTest.sector("s1-ap", 1, "2KiB", AgentTransferEndToEndTest.TICKET_1, "Commit1", AgentTransferEndToEndTest.NO_BACKOFF, ""));
        h.awaitPhase("s1-pc1", TaskPhase.Succeeded, Duration.ofSeconds(30));

        AgentHarness.await("s1-pc2 waiting because of the storage groups", Duration.ofSeconds(15), () -> {
            SectorTask t = h.task("s1-pc2");
            return t != null && t.getStatus() != null && scheduled(t) != null && scheduled(t).message != null
                    && scheduled(t).message.contains("outside the groups");
        }, () -> AgentHarness.Json.of(h.task("s1-pc2") == null ? null : h.task("s1-pc2").getStatus()));
        Thread.sleep(2000); // a few more passes and agent ticks: still not bound

        SectorTask pc2 = h.task("s1-pc2");
        Condition c = scheduled(pc2);
        assertThat(c.status).isEqualTo("False");
        // b, the only worker that takes PreCommit2, may not receive a's sector: the line says so and names the groups.
        assertThat(c.message).contains("1 worker is outside the groups the sector may be copied to: allowTo ga");
        // The code is the scheduler's pick among its counted reasons; a (the holder) lacking PreCommit2 ties
        // with b being outside the groups, and the tie goes to TaskTypeDisabled (WaitingReasons.COUNTED order).
        assertThat(c.reason).isIn("StorageGroupsForbidCopy", "TaskTypeDisabled");
        assertThat(pc2.getStatus().reason).isEqualTo(c.reason);
        assertThat(pc2.getStatus().message).isEqualTo(c.message);
        assertThat(pc2.getStatus().phase).isIn(TaskPhase.Pending, TaskPhase.Waiting);
        assertThat(h.history("s1-pc2")).as("s1-pc2 was never bound: %s", h.phases("s1-pc2"))
                .allMatch(s -> s.worker == null && (s.phase == null || !s.phase.isOnWorker()));
        // Nothing of the sector reached b.
        assertThat(h.file("b", "b-seal", "unsealed", "s-t01000-1")).doesNotExist();
        assertThat(h.file("b", "b-seal", "cache", "s-t01000-1")).doesNotExist();
    }

    private static Condition scheduled(SectorTask t) {
        return t.getStatus().conditions.stream().filter(c -> "Scheduled".equals(c.type)).findFirst().orElse(null);
    }
}
