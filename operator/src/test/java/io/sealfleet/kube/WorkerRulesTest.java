package io.sealfleet.kube;

import static io.sealfleet.table.Bytes.GiB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.scheduler.Scheduler;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.WaitingCode;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker rules the operator and {@code sealfleet plan} share through the scheduler's input: the
 * PreCommit2 engine, only usable swap, and an open-files limit that stops all binding.
 */
class WorkerRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String GPU_ENV = "env: {FIL_PROOFS_USE_GPU_COLUMN_BUILDER: \"1\", FIL_PROOFS_USE_GPU_TREE_BUILDER: \"true\"}";

    private static WorkerNode node(String yaml) throws Exception {
        SealingWorker w = YAML.readValue(yaml, SealingWorker.class);
        w.getMetadata().setNamespace("default");
        return new ClusterStateBuilder(NOW).worker(w).build().workers().get(0);
    }

    private static SchedulingPlan plan(String workerYaml, String taskYaml) throws Exception {
        SealingWorker w = YAML.readValue(workerYaml, SealingWorker.class);
        w.getMetadata().setNamespace("default");
        SectorTask t = YAML.readValue(taskYaml, SectorTask.class);
        t.getMetadata().setNamespace("default");
        return new Scheduler().plan(new ClusterStateBuilder(NOW).worker(w).task(t).build());
    }

    private static int pc2Threads(WorkerNode n) {
        return n.table().get(TaskType.PreCommit2, SectorSize.S32GiB).threads(n.sealingCapacity().cpus(), n.sealingCapacity().gpus());
    }

    private static final String GPU_STATUS = "status: {phase: Ready, capacity: {cpu: 32, memory: 256Gi, gpus: 1}";

    @Test
    void gpuWorkerThatSelectsTheGpuEngineGivesPreCommit2TheGpuAndMaxParallelismGpu() throws Exception {
        WorkerNode n = node("metadata: {name: g}\nspec: {" + GPU_ENV + "}\n" + GPU_STATUS + "}\n");
        assertThat(pc2Threads(n)).isEqualTo(6);
        assertThat(n.table().get(TaskType.PreCommit2, SectorSize.S32GiB).usesGpu(1)).isTrue();
    }

    @Test
    void gpuWorkerWithoutTheGpuSwitchesRunsPreCommit2OnTheCpuEngineWithThe92PercentRule() throws Exception {
        WorkerNode n = node("metadata: {name: g}\nspec: {}\n" + GPU_STATUS + "}\n");
        assertThat(pc2Threads(n)).isEqualTo(29);
        assertThat(n.table().get(TaskType.PreCommit2, SectorSize.S32GiB).usesGpu(1)).isFalse();
        assertThat(Pc2Engine.fromSpec(new io.sealfleet.api.SealingWorkerSpec()).reason()).contains("set both to 1");
    }

    @Test
    void onlyOneGpuSwitchKeepsPreCommit2OnTheCpuEngineAndSaysWhy() throws Exception {
        WorkerNode n = node("metadata: {name: g}\nspec: {env: {FIL_PROOFS_USE_GPU_TREE_BUILDER: \"1\"}}\n" + GPU_STATUS + "}\n");
        assertThat(pc2Threads(n)).isEqualTo(29);
        io.sealfleet.api.SealingWorkerSpec spec = new io.sealfleet.api.SealingWorkerSpec();
        spec.env = java.util.Map.of("FIL_PROOFS_USE_GPU_TREE_BUILDER", "1");
        assertThat(Pc2Engine.fromSpec(spec).reason()).contains("sets only FIL_PROOFS_USE_GPU_TREE_BUILDER");
    }

    @Test
    void aFailedGpuEngineCheckMovesPreCommit2ToTheCpuEngine() throws Exception {
        WorkerNode n = node("metadata: {name: g}\nspec: {" + GPU_ENV + "}\n" + GPU_STATUS
                + ", agent: {pc2GpuCheck: {result: Failed, message: comm_r differs}}}\n");
        assertThat(pc2Threads(n)).isEqualTo(29);
        assertThat(n.table().get(TaskType.PreCommit2, SectorSize.S32GiB).usesGpu(1)).isFalse();
    }

    @Test
    void declaredSwapFromTheSpecAloneIsNotCounted() throws Exception {
        WorkerNode n = node("metadata: {name: w}\nspec: {resources: {cpu: 8, memory: 60Gi, swap: 8Gi}}\n");
        assertThat(n.capacity().swap()).isZero();
    }

    @Test
    void admissionCountsOnlyTheSwapThePodCanUse() throws Exception {
        // PreCommit1 32 GiB: MinMemory 56 GiB fits 60 GiB of RAM; MaxMemory 64 GiB needs RAM + swap.
        String task = "metadata: {name: pc1}\nspec: {miner: f01000, sector: 1, sectorSize: 32GiB, type: PreCommit1, "
                + "ticket: \"0101010101010101010101010101010101010101010101010101010101010101\"}\n";
        String storage = "storage: [{id: s, hostPath: /s, canSeal: true}]";
        SchedulingPlan declaredOnly = plan("metadata: {name: w}\nspec: {resources: {cpu: 8, memory: 60Gi, swap: 8Gi}, "
                + storage + "}\n", task);
        assertThat(declaredOnly.assignments()).isEmpty();
        assertThat(declaredOnly.waiting()).singleElement().satisfies(wt -> assertThat(wt.code()).isEqualTo(WaitingCode.InsufficientMemory));

        SchedulingPlan usable = plan("metadata: {name: w}\nspec: {resources: {cpu: 8, memory: 60Gi, swap: 8Gi}, " + storage
                + "}\nstatus:\n  phase: Ready\n  capacity: {cpu: 8, memory: 60Gi, swap: 8Gi}\n" + ReportedCapabilities.yaml(null, 2), task);
        assertThat(usable.assignments()).singleElement().satisfies(a -> assertThat(a.worker()).isEqualTo("w"));

        SchedulingPlan tooLittle = plan("metadata: {name: w}\nspec: {resources: {cpu: 8, memory: 60Gi, swap: 8Gi}, " + storage
                + "}\nstatus: {phase: Ready, capacity: {cpu: 8, memory: 60Gi, swap: 2Gi}}\n", task);
        assertThat(tooLittle.assignments()).isEmpty();
    }

    @Test
    void anOpenFilesLimitBelowWhatSealingNeedsKeepsEveryTaskOff() throws Exception {
        WorkerNode n = node("metadata: {name: w}\nspec: {}\nstatus: {phase: Ready, node: n1, capacity: {cpu: 8, memory: 64Gi}, "
                + "agent: {openFilesLimit: 1024, openFilesHardLimit: 1024, openFilesRequired: 1048576}}\n");
        assertThat(n.notReady()).contains("1024").contains("1048576").contains("LimitNOFILE").contains("node n1");
        WorkerNode ok = node("metadata: {name: w}\nspec: {}\nstatus: {phase: Ready, capacity: {cpu: 8, memory: 64Gi}, "
                + "agent: {openFilesLimit: 1048576, openFilesHardLimit: 1048576, openFilesRequired: 1048576}}\n");
        assertThat(ok.notReady()).isNull();
    }

    @Test
    void usableSwapIsTheMemoryRequestsShareOfTheNodesSwapOnLimitedSwapNodesOnly() {
        UsableSwap.NodeSwap limited = new UsableSwap.NodeSwap("n1", UsableSwap.LIMITED_SWAP, 512 * GiB, 128 * GiB);
        assertThat(UsableSwap.of(64 * GiB, 256 * GiB, limited)).isEqualTo(new UsableSwap(64 * GiB, null));
        UsableSwap partial = UsableSwap.of(96 * GiB, 256 * GiB, limited);
        assertThat(partial.bytes()).isEqualTo(64 * GiB);
        assertThat(partial.problem()).startsWith("spec.resources.swap:");
        UsableSwap noSwapBehaviour = UsableSwap.of(64 * GiB, 256 * GiB, new UsableSwap.NodeSwap("n1", null, 512 * GiB, 128 * GiB));
        assertThat(noSwapBehaviour.bytes()).isZero();
        assertThat(noSwapBehaviour.problem()).contains("NoSwap");
        assertThat(UsableSwap.of(64 * GiB, 256 * GiB, new UsableSwap.NodeSwap("n1", UsableSwap.LIMITED_SWAP, 512 * GiB, 0)).bytes())
                .isZero();
        assertThat(UsableSwap.of(0, 256 * GiB, null)).isEqualTo(new UsableSwap(0, null));
    }

    @Test
    void workerChecksReportTheIgnoredCachingSettingAndTheUnusedGpu() throws Exception {
        SealingWorker w = YAML.readValue("metadata: {name: g}\nspec: {env: {FIL_PROOFS_MAXIMIZE_CACHING: \"1\"}}\n" + GPU_STATUS
                + "}\n", SealingWorker.class);
        List<WorkerChecks.Check> checks = WorkerChecks.checks(w.getSpec(), w.getStatus());
        assertThat(checks).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("KernelSettings");
            assertThat(c.ok()).isFalse();
            assertThat(c.message()).startsWith("spec.env.FIL_PROOFS_MAXIMIZE_CACHING is ignored");
        }).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("GpuEngine");
            assertThat(c.reason()).isEqualTo("GpuUnused");
            assertThat(c.message()).contains("unused").contains("92 %");
        });
    }

    @Test
    void cacheSpaceBelowWhatTheSectorSizesNeedIsACheckThatNamesTheCacheAndTheFix() throws Exception {
        SealingWorker w = YAML.readValue("metadata: {name: w}\nspec: {}\nstatus: {agent: {caches: ["
                + "{name: parentCache, path: /var/tmp/filecoin-parents, availableBytes: 42949672960, requiredBytes: 60129542144},"
                + "{name: parameterCache, path: /var/tmp/filecoin-proof-parameters, availableBytes: 10, requiredBytes: 0}]}}\n",
                SealingWorker.class);
        assertThat(WorkerChecks.checks(w.getSpec(), w.getStatus())).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("CacheSpace");
            assertThat(c.ok()).isFalse();
            assertThat(c.message()).contains("parentCache at /var/tmp/filecoin-parents has 40 GiB free but needs 56 GiB")
                    .contains("spec.caches.parentCache");
        });
    }
}
