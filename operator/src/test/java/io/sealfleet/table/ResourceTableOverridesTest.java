package io.sealfleet.table;

import static io.sealfleet.table.Bytes.GiB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule: overrides in Lotus's <SHORT>_<SIZE>_<FIELD> form, Lotus's precedence, errors instead of silent zeros. */
class ResourceTableOverridesTest {
    private static ResourceTable table(Map<String, String> overrides) {
        return ResourceTable.of(overrides, Map.of());
    }

    @Test
    void sizedKeyOverridesOneSize() {
        ResourceTable t = table(Map.of("PC1_32G_MAX_CONCURRENT", "4"));
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S32GiB).maxConcurrent()).isEqualTo(4);
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S64GiB).maxConcurrent()).isZero();
    }

    @Test
    void unsizedKeyAppliesToEverySize() {
        ResourceTable t = table(Map.of("AP_MAX_CONCURRENT", "8"));
        for (SectorSize s : SectorSize.values()) {
            assertThat(t.get(TaskType.AddPiece, s).maxConcurrent()).isEqualTo(8);
        }
    }

    @Test
    void sizedKeyWinsOverUnsizedKey() {
        ResourceTable t = table(Map.of("PC2_GPU_UTILIZATION", "0.25", "PC2_32G_GPU_UTILIZATION", "0.5"));
        assertThat(t.get(TaskType.PreCommit2, SectorSize.S32GiB).gpuUtilization()).isEqualTo(0.5);
        assertThat(t.get(TaskType.PreCommit2, SectorSize.S64GiB).gpuUtilization()).isEqualTo(0.25);
    }

    @Test
    void memoryAcceptsBytesAndBinaryQuantities() {
        ResourceTable t = table(Map.of("PC1_32G_MIN_MEMORY", "60129542144", "PC1_64G_MIN_MEMORY", "100Gi",
                "C2_32G_BASE_MIN_MEMORY", "16GiB"));
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S32GiB).minMemory()).isEqualTo(56 * GiB);
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S64GiB).minMemory()).isEqualTo(100 * GiB);
        assertThat(t.get(TaskType.Commit2, SectorSize.S32GiB).baseMinMemory()).isEqualTo(16 * GiB);
    }

    @Test
    void maxParallelismGpuIsNotReadAsMaxParallelism() {
        ResourceTable t = table(Map.of("C2_64G_MAX_PARALLELISM_GPU", "8"));
        assertThat(t.get(TaskType.Commit2, SectorSize.S64GiB).maxParallelismGpu()).isEqualTo(8);
        assertThat(t.get(TaskType.Commit2, SectorSize.S64GiB).maxParallelism()).isEqualTo(-1);
    }

    @Test
    void multicoreSdrGivesPreCommit1AndUnsealProducersPlusOneThreads() {
        ResourceTable t = ResourceTable.of(Map.of(), Map.of("FIL_PROOFS_USE_MULTICORE_SDR", "1"));
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S32GiB).maxParallelism()).isEqualTo(4);
        assertThat(t.get(TaskType.Unseal, SectorSize.S2KiB).maxParallelism()).isEqualTo(4);
        ResourceTable five = ResourceTable.of(Map.of(),
                Map.of("FIL_PROOFS_USE_MULTICORE_SDR", "1", "FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "5"));
        assertThat(five.get(TaskType.PreCommit1, SectorSize.S32GiB).maxParallelism()).isEqualTo(6);
    }

    @Test
    void explicitMaxParallelismWinsOverMulticoreSdr() {
        ResourceTable t = ResourceTable.of(Map.of("PC1_32G_MAX_PARALLELISM", "2"), Map.of("FIL_PROOFS_USE_MULTICORE_SDR", "1"));
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S32GiB).maxParallelism()).isEqualTo(2);
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S64GiB).maxParallelism()).isEqualTo(4);
    }

    @Test
    void withoutMulticoreSdrPreCommit1KeepsOneThread() {
        ResourceTable t = ResourceTable.of(Map.of(), Map.of("FIL_PROOFS_USE_MULTICORE_SDR", "0"));
        assertThat(t.get(TaskType.PreCommit1, SectorSize.S32GiB).maxParallelism()).isEqualTo(1);
    }

    @Test
    void overridingPreCommit1LeavesUnsealAlone() {
        ResourceTable t = table(Map.of("PC1_32G_MAX_CONCURRENT", "2"));
        assertThat(t.get(TaskType.Unseal, SectorSize.S32GiB).maxConcurrent()).isZero();
    }

    @Test
    void misspelledKeyIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> table(Map.of("PC1_32G_MAX_CONCURENT", "4")))
                .isInstanceOf(InvalidOverrideException.class)
                .hasMessageStartingWith("spec.resourceTable.PC1_32G_MAX_CONCURENT: not a resource-table key")
                .extracting(e -> ((InvalidOverrideException) e).field())
                .isEqualTo("spec.resourceTable.PC1_32G_MAX_CONCURENT");
    }

    @Test
    void unknownTaskOrSizeIsRejected() {
        assertThatThrownBy(() -> table(Map.of("DC_MAX_CONCURRENT", "1"))).hasMessageContaining("DC_MAX_CONCURRENT");
        assertThatThrownBy(() -> table(Map.of("PC1_16G_MAX_CONCURRENT", "1"))).hasMessageContaining("PC1_16G");
        assertThatThrownBy(() -> table(Map.of("PC1_32g_MAX_CONCURRENT", "1"))).hasMessageContaining("PC1_32g");
    }

    @Test
    void unparsableMemoryIsAnErrorNotASilentZero() {
        assertThatThrownBy(() -> table(Map.of("PC1_32G_MIN_MEMORY", "56GB")))
                .isInstanceOf(InvalidOverrideException.class)
                .hasMessageContaining("spec.resourceTable.PC1_32G_MIN_MEMORY")
                .hasMessageContaining("'56GB' is not a byte quantity");
    }

    @Test
    void unparsableGpuShareAndNegativeLimitAreErrors() {
        assertThatThrownBy(() -> table(Map.of("PC2_32G_GPU_UTILIZATION", "lots")))
                .hasMessageContaining("PC2_32G_GPU_UTILIZATION").hasMessageContaining("not a number of GPUs");
        assertThatThrownBy(() -> table(Map.of("PC1_MAX_CONCURRENT", "-1")))
                .hasMessageContaining("PC1_MAX_CONCURRENT").hasMessageContaining("'-1' is negative");
        assertThatThrownBy(() -> table(Map.of("PC2_32G_MAX_PARALLELISM", "x")))
                .hasMessageContaining("PC2_32G_MAX_PARALLELISM").hasMessageContaining("not an integer");
    }

    @Test
    void tableKeysInTheEnvironmentAreRejectedPointingToResourceTable() {
        assertThatThrownBy(() -> ResourceTable.of(Map.of(), Map.of("PC1_32G_MAX_CONCURRENT", "4")))
                .hasMessageStartingWith("spec.env.PC1_32G_MAX_CONCURRENT: resource-table overrides belong in spec.resourceTable");
    }

    @Test
    void badSdrProducerCountIsRejected() {
        assertThatThrownBy(() -> ResourceTable.of(Map.of(),
                Map.of("FIL_PROOFS_USE_MULTICORE_SDR", "1", "FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "three")))
                .hasMessageStartingWith("spec.env.FIL_PROOFS_MULTICORE_SDR_PRODUCERS");
    }

    @Test
    void misspelledKeySuggestsTheKeyMeant() {
        assertThatThrownBy(() -> table(Map.of("PC1_32G_MAX_CONCURENT", "4")))
                .hasMessageContaining("did you mean PC1_32G_MAX_CONCURRENT?");
        assertThatThrownBy(() -> table(Map.of("PC1_32GB_MIN_MEMORY", "56Gi")))
                .hasMessageContaining("did you mean PC1_32G_MIN_MEMORY?");
    }

    @Test
    void keyFarFromEveryKnownKeyGetsNoGuess() {
        assertThatThrownBy(() -> table(Map.of("SOMETHING_ELSE_ENTIRELY", "4")))
                .hasMessageContaining("not a resource-table key; write <TASK>");
    }

    @Test
    void lotusDocsCodePru2IsReadAsPr2WithANote() {
        ResourceTable t = table(Map.of("PRU2_32G_MAX_CONCURRENT", "2"));
        assertThat(t.get(TaskType.ProveReplicaUpdate2, SectorSize.S32GiB).maxConcurrent()).isEqualTo(2);
        assertThat(t.notes()).containsExactly("spec.resourceTable.PRU2_32G_MAX_CONCURRENT: read as PR2_32G_MAX_CONCURRENT "
                + "(PRU2 is how the Lotus docs write ProveReplicaUpdate2; lotus-miner and sealfleet call it PR2)");
        assertThat(table(Map.of("PR2_32G_MAX_CONCURRENT", "2")).notes()).isEmpty();
    }

    @Test
    void lotusDocsCodeAndSealfleetKeyForTheSameValueConflict() {
        assertThatThrownBy(() -> table(Map.of("PRU2_32G_MAX_CONCURRENT", "2", "PR2_32G_MAX_CONCURRENT", "3")))
                .isInstanceOf(InvalidOverrideException.class).hasMessageContaining("keep one of them");
    }

    @Test
    void badValueUnderTheLotusCodeNamesTheKeyAsWritten() {
        assertThatThrownBy(() -> table(Map.of("PRU2_MAX_CONCURRENT", "x")))
                .hasMessageStartingWith("spec.resourceTable.PRU2_MAX_CONCURRENT: 'x' is not an integer");
    }

    @Test
    void negativeMemoryIsNamedNegative() {
        assertThatThrownBy(() -> table(Map.of("PC1_32G_MIN_MEMORY", "-56Gi")))
                .hasMessageContaining("'-56Gi' is negative; a byte quantity is 0 or more");
    }
}
