package io.sealfleet.table;

import static io.sealfleet.table.FileType.cache;
import static io.sealfleet.table.FileType.sealed;
import static io.sealfleet.table.FileType.unsealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskFilesTest {
    private static final Path REPO = Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void docsSchedulingCarriesExactlyTheTableTheSchedulerAndAgentUse() throws Exception {
        String doc = Files.readString(REPO.resolve("docs/scheduling.md"));
        String start = "<!-- task-files:start -->\n";
        int from = doc.indexOf(start);
        int to = doc.indexOf("<!-- task-files:end -->");
        assertThat(from).as("docs/scheduling.md has the task-files markers").isNotNegative();
        assertThat(doc.substring(from + start.length(), to))
                .as("the table in docs/scheduling.md; paste TaskFiles.markdown() there").isEqualTo(TaskFiles.markdown());
    }

    @Test
    void preCommit2ReadsCacheAndUnsealedBecausePreCommit1WritesNoSealedCopy() {
        assertThat(TaskFiles.of(TaskType.PreCommit1).allocates()).contains(sealed);
        assertThat(TaskFiles.of(TaskType.PreCommit2).inputs(false)).containsExactlyInAnyOrder(cache, unsealed);
    }

    @Test
    void finalizeOfASectorWithDealsAlsoReadsItsUnsealedCopy() {
        assertThat(TaskFiles.of(TaskType.Finalize).inputs(false)).containsExactlyInAnyOrder(cache, sealed);
        assertThat(TaskFiles.of(TaskType.Finalize).inputs(true)).containsExactlyInAnyOrder(cache, sealed, unsealed);
        assertThat(TaskFiles.of(TaskType.PreCommit1).inputs(true)).containsExactly(unsealed);
    }

    @Test
    void commit2ReadsTheCacheWhereCommit1LeftItsOutputAndMayFetchIt() {
        TaskFiles c2 = TaskFiles.of(TaskType.Commit2);
        assertThat(c2.inputs(false)).containsExactly(cache);
        assertThat(c2.fetchable()).isTrue();
    }

    @Test
    void copyingInputsReservesTheirSealingSpaceAndFinalizeTheFinalizedSector() {
        SectorSize s = SectorSize.S32GiB;
        assertThat(TaskFiles.of(TaskType.PreCommit1).allocationBytes(s)).isEqualTo(cache.sealingBytes(s) + sealed.sealingBytes(s));
        assertThat(TaskFiles.of(TaskType.PreCommit2).copyBytes(s, false)).isEqualTo(cache.sealingBytes(s) + unsealed.sealingBytes(s));
        TaskFiles fin = TaskFiles.of(TaskType.Finalize);
        assertThat(fin.finalizedBytes(s, true) - fin.finalizedBytes(s, false)).isEqualTo(unsealed.finalizedBytes(s));
    }

    @Test
    void finalizeReplicaUpdateStoresTheUpdateBesideTheSectorKeyAndRunsOnlyWhereTheyAre() {
        SectorSize s = SectorSize.S32GiB;
        TaskFiles fru = TaskFiles.of(TaskType.FinalizeReplicaUpdate);
        assertThat(fru.movesToStore()).isTrue();
        assertThat(fru.fetchable()).isFalse();
        assertThat(fru.finalizedBytes(s, true) - TaskFiles.of(TaskType.Finalize).finalizedBytes(s, true))
                .isEqualTo(FileType.update.finalizedBytes(s) + FileType.updateCache.finalizedBytes(s));
    }

    @Test
    void proveReplicaUpdate1ReadsTheSectorKeyAndRegenSectorKeyWritesItBack() {
        assertThat(TaskFiles.of(TaskType.ProveReplicaUpdate1).inputs(false))
                .containsExactlyInAnyOrder(sealed, cache, FileType.update, FileType.updateCache);
        assertThat(TaskFiles.of(TaskType.RegenSectorKey).allocates()).containsExactly(sealed);
        assertThat(TaskFiles.of(TaskType.ReplicaUpdate).allocates()).containsExactlyInAnyOrder(FileType.update, FileType.updateCache);
    }

    @Test
    void everyTaskTypeHasARow() {
        for (TaskType t : TaskType.values()) {
            assertThat(TaskFiles.of(t)).as(t.name()).isNotNull();
            assertThat(TaskFiles.of(t).type()).isEqualTo(t);
        }
    }
}
