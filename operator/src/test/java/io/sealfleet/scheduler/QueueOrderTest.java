package io.sealfleet.scheduler;

import static io.sealfleet.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rule: queue order — high-priority tier, deals, task priority table, sector number, tie-break. */
class QueueOrderTest {
    private static List<String> sorted(TaskRequest... tasks) {
        List<TaskRequest> list = new ArrayList<>(List.of(tasks));
        Collections.shuffle(list, new Random(7));
        list.sort(QueueOrder.INSTANCE);
        return list.stream().map(t -> t.id().substring("default/".length())).toList();
    }

    @Test
    void taskTablePriorityOrdersTypesOfEqualDeals() {
        SectorSize s = SectorSize.S32GiB;
        assertThat(sorted(task("ap", TaskType.AddPiece, s, 1), task("pc1", TaskType.PreCommit1, s, 1),
                task("pc2", TaskType.PreCommit2, s, 1), task("c2", TaskType.Commit2, s, 1),
                task("c1", TaskType.Commit1, s, 1), task("uns", TaskType.Unseal, s, 1),
                task("get", TaskType.Fetch, s, 1), task("fin", TaskType.Finalize, s, 1)))
                .containsExactly("fin", "get", "uns", "c1", "c2", "pc2", "pc1", "ap");
    }

    @Test
    void highPriorityTierComesBeforeDealsAndRegularPriority() {
        SectorSize s = SectorSize.S32GiB;
        TaskRequest dealPc1 = task("deal-pc1", TaskType.PreCommit1, s, 5).withDeals(10);
        TaskRequest ccFinalize = task("cc-fin", TaskType.Finalize, s, 9);
        assertThat(sorted(dealPc1, ccFinalize)).containsExactly("cc-fin", "deal-pc1");
    }

    @Test
    void sectorsWithMoreDealsComeFirst() {
        SectorSize s = SectorSize.S32GiB;
        assertThat(sorted(task("none", TaskType.Commit1, s, 1), task("one", TaskType.AddPiece, s, 2).withDeals(1),
                task("three", TaskType.AddPiece, s, 3).withDeals(3))).containsExactly("three", "one", "none");
    }

    @Test
    void lowerSectorNumberBreaksTiesWithinAType() {
        SectorSize s = SectorSize.S32GiB;
        assertThat(sorted(task("s9", TaskType.PreCommit1, s, 9), task("s2", TaskType.PreCommit1, s, 2),
                task("s5", TaskType.PreCommit1, s, 5))).containsExactly("s2", "s5", "s9");
    }

    @Test
    void taskPriorityReplacesTheTableValue() {
        SectorSize s = SectorSize.S32GiB;
        TaskRequest urgentAp = task("urgent-ap", TaskType.AddPiece, s, 1).withPriority(-5);
        assertThat(sorted(task("fin", TaskType.Finalize, s, 1), urgentAp)).containsExactly("urgent-ap", "fin");
        TaskRequest lazyC1 = task("lazy-c1", TaskType.Commit1, s, 1).withPriority(9);
        assertThat(sorted(lazyC1, task("ap", TaskType.AddPiece, s, 2))).containsExactly("ap", "lazy-c1");
    }

    @Test
    void typesTheTablePutsLevelKeepLotusRelativeOrder() {
        SectorSize s = SectorSize.S32GiB;
        assertThat(sorted(task("ap", TaskType.AddPiece, s, 1), task("ru", TaskType.ReplicaUpdate, s, 1),
                task("pr2", TaskType.ProveReplicaUpdate2, s, 1), task("pr1", TaskType.ProveReplicaUpdate1, s, 1)))
                .containsExactly("pr1", "pr2", "ru", "ap");
    }

    @Test
    void finalizeReplicaUpdateComesBeforeUnsealButAfterTheHighPriorityTierAsLotusOrdersFru() {
        SectorSize s = SectorSize.S32GiB;
        assertThat(sorted(task("uns", TaskType.Unseal, s, 1), task("fru", TaskType.FinalizeReplicaUpdate, s, 1),
                task("get", TaskType.Fetch, s, 1), task("ru", TaskType.ReplicaUpdate, s, 1)))
                .containsExactly("get", "fru", "uns", "ru");
    }

    @Test
    void fullTiesAreBrokenByMinerThenTaskIdSoTheOrderIsTotal() {
        TaskRequest a = TaskRequest.of("ns/b", TaskType.PreCommit1, SectorSize.S2KiB, "f01000", 1);
        TaskRequest b = TaskRequest.of("ns/a", TaskType.PreCommit1, SectorSize.S2KiB, "f01000", 1);
        TaskRequest c = TaskRequest.of("ns/c", TaskType.PreCommit1, SectorSize.S2KiB, "f00999", 1);
        List<TaskRequest> list = new ArrayList<>(List.of(a, b, c));
        list.sort(QueueOrder.INSTANCE);
        assertThat(list).extracting(TaskRequest::id).containsExactly("ns/c", "ns/a", "ns/b");
    }
}
