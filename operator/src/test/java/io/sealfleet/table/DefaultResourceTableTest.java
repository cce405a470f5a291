package io.sealfleet.table;

import static io.sealfleet.table.Bytes.GiB;
import static io.sealfleet.table.Bytes.MiB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rule: the default table is the seed documents' rows and Lotus's table elsewhere. */
class DefaultResourceTableTest {
    private static ResourceSpec row(TaskType t, SectorSize s) {
        return DefaultResourceTable.get(t, s);
    }

    @Test
    void everyTaskTypeHasARowForEverySectorSize() {
        for (TaskType t : TaskType.values()) {
            for (SectorSize s : SectorSize.values()) {
                assertThat(row(t, s)).as(t + " " + s).isNotNull();
            }
        }
    }

    @Test
    void seedRowsFor32GiBMatchTheSeedTable() {
        assertThat(row(TaskType.AddPiece, SectorSize.S32GiB)).extracting("minMemory", "maxMemory", "maxParallelism")
                .containsExactly(4 * GiB, 4 * GiB, 1);
        assertThat(row(TaskType.PreCommit1, SectorSize.S32GiB)).extracting("minMemory", "maxMemory", "maxParallelism")
                .containsExactly(56 * GiB, 64 * GiB, 1);
        assertThat(row(TaskType.PreCommit2, SectorSize.S32GiB)).extracting("minMemory", "maxMemory", "maxParallelism", "gpuUtilization")
                .containsExactly(15 * GiB, 15 * GiB, -1, 1.0);
        assertThat(row(TaskType.Commit1, SectorSize.S32GiB)).extracting("minMemory", "maxParallelism").containsExactly(GiB, 0);
        // "32G+30G" / "32G+150G": BaseMinMemory 32 GiB plus Min 30 GiB and Max 150 GiB.
        assertThat(row(TaskType.Commit2, SectorSize.S32GiB)).extracting("baseMinMemory", "minMemory", "maxMemory")
                .containsExactly(32 * GiB, 30 * GiB, 150 * GiB);
    }

    @Test
    void seedRowsFor64GiBMatchTheSeedTable() {
        assertThat(row(TaskType.PreCommit1, SectorSize.S64GiB)).extracting("minMemory", "maxMemory")
                .containsExactly(112 * GiB, 128 * GiB);
        assertThat(row(TaskType.PreCommit2, SectorSize.S64GiB)).extracting("minMemory", "maxMemory")
                .containsExactly(30 * GiB, 30 * GiB);
        assertThat(row(TaskType.Commit2, SectorSize.S64GiB)).extracting("baseMinMemory", "minMemory", "maxMemory")
                .containsExactly(64 * GiB, 60 * GiB, 190 * GiB);
    }

    @Test
    void unsealUsesThePreCommit1Row() {
        for (SectorSize s : SectorSize.values()) {
            assertThat(row(TaskType.Unseal, s)).isEqualTo(row(TaskType.PreCommit1, s));
        }
    }

    @Test
    void lotusRowsFillTheCellsTheSeedsDoNotGive() {
        assertThat(row(TaskType.PreCommit1, SectorSize.S32GiB).baseMinMemory()).isEqualTo(10 * MiB);
        assertThat(row(TaskType.PreCommit2, SectorSize.S512MiB)).extracting("minMemory", "maxMemory", "gpuUtilization")
                .containsExactly(GiB, 3 * GiB / 2, 0.0);
        assertThat(row(TaskType.Fetch, SectorSize.S64GiB)).extracting("minMemory", "maxParallelism").containsExactly(MiB, 0);
        assertThat(row(TaskType.Finalize, SectorSize.S32GiB)).isEqualTo(ResourceSpec.NONE);
    }

    @Test
    void noDefaultRowLimitsConcurrency() {
        for (TaskType t : TaskType.values()) {
            for (SectorSize s : SectorSize.values()) {
                assertThat(row(t, s).maxConcurrent()).isZero();
            }
        }
    }
}
