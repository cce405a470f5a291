package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan command: JSON of DESIGN.md on stdout; bad input exits 2 with one line naming document and field. */
class PlanCommandTest {
    private static final String WORKER = """
            apiVersion: sealing.sealfleet.io/v1alpha1
            kind: SealingWorker
            metadata: {name: w1}
            spec:
              resources: {cpu: 16, memory: 128Gi}
              storage: [{id: nvme, hostPath: /mnt/nvme, canSeal: true}]
            """;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** A SealingWorker w1 with 16 cores and 128 GiB, plus the given lines of its spec. */
    private static String workerWith(String specLines) {
        return """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: w1}
                spec:
                  resources: {cpu: 16, memory: 128Gi}
                """ + specLines;
    }

    private int plan(String yaml) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, yaml);
        return Main.run("plan", "-f", f.toString());
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsAssignmentsAndWaitingTasksAsJson() throws Exception {
        int rc = plan(WORKER + """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: ap-1, namespace: sealing}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: AddPiece}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: c1-2, namespace: sealing}
                spec: {miner: f01000, sector: 2, sectorSize: 2KiB, type: Commit1, ticket: "0000000000000000000000000000000000000000000000000000000000000000"}
                """);
        assertThat(rc).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("assignments").get(0).get("task").asText()).isEqualTo("sealing/ap-1");
        assertThat(json.get("assignments").get(0).get("worker").asText()).isEqualTo("w1");
        assertThat(json.get("waiting").get(0).get("task").asText()).isEqualTo("sealing/c1-2");
        assertThat(json.get("waiting").get(0).get("reason").asText()).contains("spec.seed");
    }

    @Test
    void taskWhoseStatusNamesAWorkerCountsAsRunningThere() throws Exception {
        int rc = plan(workerWith("""
                  resourceTable: {PC1_2K_MAX_CONCURRENT: "1"}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: running}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: PreCommit1, ticket: "0000000000000000000000000000000000000000000000000000000000000000"}
                status: {phase: Running, worker: w1}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: next}
                spec: {miner: f01000, sector: 2, sectorSize: 2KiB, type: PreCommit1, ticket: "0000000000000000000000000000000000000000000000000000000000000000"}
                """));
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PC1_2K_MAX_CONCURRENT=1 reached");
    }

    @Test
    void badYamlExitsTwoWithOneLineNamingTheFile() throws Exception {
        assertThat(plan("kind: [unclosed\n")).isEqualTo(2);
        assertThat(stderr()).startsWith("sealfleet plan: ").contains("m.yaml: not valid YAML").hasLineCount(1);
    }

    @Test
    void unknownEnumValueNamesTheDocumentAndField() throws Exception {
        int rc = plan(WORKER + """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: bad}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: PreComit1}
                """);
        assertThat(rc).isEqualTo(2);
        assertThat(stderr()).contains("m.yaml#2 (SectorTask bad): spec.type: 'PreComit1' is not one of").hasLineCount(1);
    }

    @Test
    void misspelledFieldIsAnErrorNotIgnored() throws Exception {
        int rc = plan(workerWith("""
                  storage: [{id: a, hostPath: /a, canseal: true}]
                """));
        assertThat(rc).isEqualTo(2);
        assertThat(stderr()).contains("(SealingWorker w1): spec.storage[0].canseal: unknown field");
    }

    @Test
    void invalidOverrideNamesTheKey() throws Exception {
        int rc = plan(workerWith("""
                  resourceTable: {PC1_32G_MIN_MEMORY: 56GB}
                """));
        assertThat(rc).isEqualTo(2);
        assertThat(stderr()).contains("(SealingWorker default/w1): spec.resourceTable.PC1_32G_MIN_MEMORY: '56GB' is not a byte quantity")
                .hasLineCount(1);
    }

    @Test
    void preCommit1WithoutTicketIsRejected() throws Exception {
        int rc = plan(WORKER + """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: pc1}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: PreCommit1}
                """);
        assertThat(rc).isEqualTo(2);
        assertThat(stderr()).contains("(SectorTask default/pc1): spec.ticket:");
    }

    @Test
    void unknownStorageGroupIsRejectedWithTheFix() throws Exception {
        int rc = plan(workerWith("""
                  storage: [{id: a, hostPath: /a, canSeal: true, groups: [fast-nvme]}]
                """));
        assertThat(rc).isEqualTo(2);
        assertThat(stderr()).contains("spec.storage[0].groups[0]: no StorageGroup named 'fast-nvme'; create it or fix the name");
    }

    @Test
    void objectsOfOtherKindsAreRejected() throws Exception {
        assertThat(plan("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")).isEqualTo(2);
        assertThat(stderr()).contains("is not a sealfleet object");
    }

    @Test
    void missingFileIsReported() {
        assertThat(Main.run("plan", "-f", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("nope.yaml: no such file or directory");
    }

    @Test
    void samePlanForTheSameInput() throws Exception {
        plan(WORKER + """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: ap-1}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: AddPiece}
                """);
        String first = out.toString(StandardCharsets.UTF_8);
        out.reset();
        Main.run("plan", "-f", dir.resolve("m.yaml").toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(first);
    }

    @Test
    void tableForPeopleNamesEachTasksWorkerOrWhyItWaits() throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, WORKER + """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: ap-1}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: AddPiece}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: c1-2}
                spec: {miner: f01000, sector: 2, sectorSize: 2KiB, type: Commit1, ticket: "0000000000000000000000000000000000000000000000000000000000000000"}
                """);
        assertThat(Main.run("plan", "-o", "table", "-f", f.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                TASK          WORKER  WHY IT WAITS
                default/ap-1  w1
                default/c1-2  -       C1 2KiB: waiting for spec.seed, the interactive seed from the chain
                1 task goes to a worker, 1 waits.
                """);
    }

    @Test
    void outputThatIsNotATerminalDefaultsToTheJsonScriptsRead() throws Exception {
        plan(WORKER);
        assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).has("assignments")).isTrue();
    }

    @Test
    void documentsThatAreNotKubernetesObjectsAreSkippedWithANote() throws Exception {
        Files.writeString(dir.resolve("values.yaml"), "operator:\n  replicas: 2\n");
        Files.writeString(dir.resolve("worker.yaml"), WORKER);
        assertThat(Main.run("plan", "-f", dir.toString())).isZero();
        assertThat(stderr()).isEqualTo("sealfleet plan: note: skipped " + dir.resolve("values.yaml")
                + "#1: not a Kubernetes object (it has no apiVersion or kind)\n");
    }

    @Test
    void theChartValuesExampleIsSkippedNotAnError() {
        assertThat(Main.run("plan", "-f", RepoPaths.root().resolve("examples/helm").toString())).isZero();
        assertThat(stderr()).contains("values.yaml#1: not a Kubernetes object");
    }

    @Test
    void misspeltEnumValueSuggestsTheClosestOne() throws Exception {
        plan(WORKER + """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: bad}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: PreComit1}
                """);
        assertThat(stderr()).contains("'PreComit1' is not one of").contains("; did you mean PreCommit1?").hasLineCount(1);
    }

    @Test
    void misspeltFieldSuggestsTheClosestOne() throws Exception {
        plan(workerWith("""
                  storage: [{id: a, hostPath: /a, canseal: true}]
                """));
        assertThat(stderr()).contains("spec.storage[0].canseal: unknown field; did you mean canSeal?").hasLineCount(1);
    }

    @Test
    void misspeltOverrideKeySuggestsTheClosestKey() throws Exception {
        assertThat(plan(workerWith("""
                  resourceTable: {PC1_32G_MAX_CONCURENT: "4"}
                """))).isEqualTo(2);
        assertThat(stderr()).contains("spec.resourceTable.PC1_32G_MAX_CONCURENT: not a resource-table key; "
                + "did you mean PC1_32G_MAX_CONCURRENT?").hasLineCount(1);
    }

    @Test
    void lotusDocsCodePru2IsReadAsPr2AndSaysSo() throws Exception {
        assertThat(plan(workerWith("""
                  resourceTable: {PRU2_32G_MAX_CONCURRENT: "2"}
                """))).isZero();
        assertThat(stderr()).contains("note: ").contains("spec.resourceTable.PRU2_32G_MAX_CONCURRENT: read as PR2_32G_MAX_CONCURRENT")
                .hasLineCount(1);
    }

    @Test
    void negativeMemoryIsCalledNegative() throws Exception {
        assertThat(plan(workerWith("""
                  resourceTable: {PC1_32G_MIN_MEMORY: "-56Gi"}
                """))).isEqualTo(2);
        assertThat(stderr()).contains("PC1_32G_MIN_MEMORY: '-56Gi' is negative").hasLineCount(1);
    }

    @Test
    void negativeWorkerMemoryIsCalledNegative() throws Exception {
        assertThat(plan("""
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: w1}
                spec:
                  resources: {cpu: 16, memory: -128Gi}
                """)).isEqualTo(2);
        assertThat(stderr()).contains("spec.resources.memory: '-128Gi' is negative").hasLineCount(1);
    }

    @Test
    void planKeepsTasksOffAWorkerWhoseAgentReportsTooFewOpenFilesAsTheOperatorDoes() throws Exception {
        int rc = plan(workerWith("""
                  storage: [{id: nvme, hostPath: /mnt/nvme, canSeal: true}]
                status:
                  phase: Ready
                  capacity: {cpu: 16, memory: 128Gi}
                  agent: {openFilesLimit: 1024, openFilesHardLimit: 1024, openFilesRequired: 1048576}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: ap-1}
                spec: {miner: f01000, sector: 1, sectorSize: 2KiB, type: AddPiece}
                """));
        assertThat(rc).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("assignments")).isEmpty();
        assertThat(json.get("waiting").get(0).get("reason").asText()).contains("open-files limit").contains("LimitNOFILE");
    }

    @Test
    void planRunsPreCommit2OnAGpuWorkersCpuEngineUnlessBothGpuSwitchesAreOn() throws Exception {
        String tasks = """
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: pc2-1}
                spec: {miner: f01000, sector: 1, sectorSize: 32GiB, type: PreCommit2}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: pc2-2}
                spec: {miner: f01000, sector: 2, sectorSize: 32GiB, type: PreCommit2}
                ---
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SectorTask
                metadata: {name: pc2-3}
                spec: {miner: f01000, sector: 3, sectorSize: 32GiB, type: PreCommit2}
                """;
        String gpuWorker = """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: g}
                spec:
                  tasks: [PreCommit2]
                  resources: {cpu: 32, memory: 256Gi, gpus: 1}
                  gpu: {products: [NVIDIA-GeForce-RTX-3090]}
                  storage: [{id: nvme, hostPath: /mnt/nvme, canSeal: true}]
                """;
        // GPU engine: each PreCommit2 holds the whole GPU, one per scheduling window; the third waits for a GPU.
        assertThat(plan(gpuWorker + "  env: {FIL_PROOFS_USE_GPU_COLUMN_BUILDER: \"1\", FIL_PROOFS_USE_GPU_TREE_BUILDER: \"1\"}\n"
                + tasks)).isZero();
        JsonNode gpu = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(gpu.get("assignments")).hasSize(2);
        assertThat(gpu.get("waiting").get(0).get("reason").asText()).contains("GPU");
        out.reset();
        // CPU engine: each takes 29 threads (92 % of 32), one per window; the third waits for cores, not for the GPU.
        assertThat(plan(gpuWorker + tasks)).isZero();
        JsonNode cpu = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(cpu.get("assignments")).hasSize(2);
        assertThat(cpu.get("waiting").get(0).get("reason").asText()).contains("29 thread").doesNotContain("GPU");
    }
}
