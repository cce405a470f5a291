package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.gpu;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.sealfleet.api.ExternalProver;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.WindowPostReserve;
import io.sealfleet.table.TaskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerPodTest extends ClusterTestBase {
    private Pod awaitPod(String worker) {
        await().atMost(Cluster.WAIT).until(() -> cluster.pod(worker) != null);
        return cluster.pod(worker);
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void cpuOnlyWorkerGetsItsResourcesAsRequestsAndLimitsAndHidesGpus() {
        SealingWorker w = cluster.create(worker("pc1-box", 32, "512Gi", s -> {
            s.tasks = List.of(TaskType.AddPiece, TaskType.PreCommit1);
            s.nodeSelector = Map.of("sealfleet.io/role", "pc1");
        }));
        Pod pod = awaitPod("pc1-box");
        Container c = pod.getSpec().getContainers().get(0);
        Map<String, Quantity> expected = Map.of("cpu", new Quantity("32"), "memory", new Quantity("512Gi"));
        assertThat(c.getResources().getRequests()).isEqualTo(expected);
        assertThat(c.getResources().getLimits()).isEqualTo(expected);
        assertThat(env(c)).containsEntry("NVIDIA_VISIBLE_DEVICES", "void").containsEntry("SEALFLEET_WORKER", "pc1-box");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("sealfleet.io/role", "pc1");
        assertThat(pod.getSpec().getAffinity()).isNull();
        assertThat(pod.getSpec().getTolerations()).isEmpty();
        assertThat(pod.getMetadata().getLabels()).containsEntry(WorkerPods.WORKER_LABEL, "pc1-box")
                .doesNotContainKey(WorkerPods.GPU_PRODUCT_LABEL);
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(w.getMetadata().getUid());
            assertThat(o.getController()).isTrue();
        });
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().startsWith("storage-")).singleElement()
                .satisfies(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/srv/pc1-box"));
        assertThat(c.getVolumeMounts()).filteredOn(m -> m.getName().startsWith("storage-")).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/sealfleet/storage/pc1-box-seal"));
    }

    @Test
    void gpuWorkerRequestsGpusSelectsNodesByFeatureDiscoveryLabelsAndToleratesTheGpuTaint() {
        cluster.create(worker("gpu-box", 32, "256Gi", s -> {
            s.tasks = List.of(TaskType.PreCommit2, TaskType.Commit2);
            s.resources.gpus = 1;
            s.gpu = gpu("NVIDIA-GeForce-RTX-3090", 24576);
            s.externalProver = new ExternalProver();
            s.externalProver.command = List.of("/usr/local/bin/c2-prover");
        }));
        Pod pod = awaitPod("gpu-box");
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(c.getResources().getRequests()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(env(c)).doesNotContainKey("NVIDIA_VISIBLE_DEVICES");
        List<NodeSelectorRequirement> rules = pod.getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions();
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo("nvidia.com/gpu.product");
            assertThat(r.getOperator()).isEqualTo("In");
            assertThat(r.getValues()).containsExactly("NVIDIA-GeForce-RTX-3090");
        }).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo("nvidia.com/gpu.memory");
            assertThat(r.getOperator()).isEqualTo("Gt");
            assertThat(r.getValues()).containsExactly("24575");
        });
        assertThat(pod.getSpec().getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getMetadata().getLabels()).containsEntry(WorkerPods.GPU_PRODUCT_LABEL, "NVIDIA-GeForce-RTX-3090")
                .containsEntry(WorkerPods.GPU_MEMORY_LABEL, "24576");
    }

    @Test
    void gpuWorkerStatusTakesCapacityFromThePodGrantAndTheNodesLabels() {
        cluster.node("gpu-node", 1, "NVIDIA-GeForce-RTX-3090", 24576);
        cluster.create(worker("gpu-box", 32, "256Gi", s -> {
            s.resources.gpus = 1;
            s.gpu = gpu("NVIDIA-GeForce-RTX-3090", 24576);
        }));
        cluster.bringUp("gpu-box", "gpu-node");
        SealingWorker w = cluster.worker("gpu-box");
        assertThat(w.getStatus().pod).isEqualTo("sealfleet-worker-gpu-box");
        assertThat(w.getStatus().node).isEqualTo("gpu-node");
        assertThat(w.getStatus().capacity.cpu).isEqualTo(32);
        assertThat(w.getStatus().capacity.memory).isEqualTo("256Gi");
        assertThat(w.getStatus().capacity.swap).isNull();
        assertThat(w.getStatus().capacity.gpus).isEqualTo(1);
        assertThat(w.getStatus().capacity.gpuProduct).isEqualTo("NVIDIA-GeForce-RTX-3090");
        assertThat(w.getStatus().capacity.gpuMemoryMiB).isEqualTo(24576L);
        assertThat(Conditions.isTrue(w.getStatus().conditions, Conditions.READY)).isTrue();
        assertThat(w.getStatus().observedGeneration).isEqualTo(w.getMetadata().getGeneration());
    }

    @Test
    void colocatedWindowPostWorkerPodLeavesTheReserveToTheMinerPodAndTheSchedulerStillSeesTheShareLessTheReserve() {
        cluster.create(worker("miner-box", 16, "256Gi", s -> {
            s.nodeName = "miner-01";
            s.windowPost = new WindowPostReserve();
            s.windowPost.cores = 4;
            s.windowPost.memory = "96Gi";
        }));
        Pod pod = awaitPod("miner-box");
        Container c = pod.getSpec().getContainers().get(0);
        Map<String, Quantity> sealing = Map.of("cpu", new Quantity("12"), "memory", new Quantity("160Gi"));
        assertThat(c.getResources().getRequests()).isEqualTo(sealing);
        assertThat(c.getResources().getLimits()).isEqualTo(sealing);
        assertThat(pod.getSpec().getNodeName()).isEqualTo("miner-01");
        assertThat(env(c)).containsEntry("NVIDIA_VISIBLE_DEVICES", "void");
        cluster.bringUp("miner-box", "miner-01");
        SealingWorker w = cluster.worker("miner-box");
        // The worker's share (pod + reserve); the scheduler takes the reserve off again: 12 cores, 160 GiB.
        assertThat(w.getStatus().capacity.cpu).isEqualTo(16);
        assertThat(w.getStatus().capacity.memory).isEqualTo("256Gi");
        io.sealfleet.scheduler.WorkerNode node = new io.sealfleet.kube.ClusterStateBuilder(java.time.Instant.EPOCH).worker(w)
                .build().workers().get(0);
        assertThat(node.sealingCapacity().cpus()).isEqualTo(12);
        assertThat(node.sealingCapacity().memory()).isEqualTo(160L << 30);
    }

    @Test
    void workerWithoutReserveGetsItsWholeShareAsRequestsAndLimits() {
        cluster.create(worker("plain", 16, "256Gi", s -> { }));
        Container c = awaitPod("plain").getSpec().getContainers().get(0);
        Map<String, Quantity> all = Map.of("cpu", new Quantity("16"), "memory", new Quantity("256Gi"));
        assertThat(c.getResources().getRequests()).isEqualTo(all);
        assertThat(c.getResources().getLimits()).isEqualTo(all);
    }

    @Test
    void omittedResourcesAreDerivedFromTheResourceTableFor32GiBAndThePodLeavesOutTheReserve() {
        // PreCommit1 32GiB: MaxMemory 64 GiB + BaseMinMemory 10 MiB -> 65Gi; one thread. The worker's share adds
        // the reserve (3 cores, 73Gi); the pod asks for the share less the reserve.
        cluster.create(worker("derived", 1, "1Gi", s -> {
            s.resources = null;
            s.tasks = List.of(TaskType.PreCommit1);
            s.windowPost = new WindowPostReserve();
            s.windowPost.cores = 2;
            s.windowPost.memory = "8Gi";
        }));
        Container c = awaitPod("derived").getSpec().getContainers().get(0);
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("65Gi")));
        WorkerGrant g = WorkerGrant.of(cluster.worker("derived").getSpec());
        assertThat(g.cpu()).isEqualTo(3);
        assertThat(g.memory()).isEqualTo("73Gi");
    }

    @Test
    void derivedGpuWorkerThatSelectsTheGpuEngineAsksForOneGpuAndTheGpuThreadCount() {
        cluster.create(worker("derived-gpu", 1, "1Gi", s -> {
            s.resources = null;
            s.tasks = List.of(TaskType.PreCommit2);
            s.gpu = gpu("NVIDIA-A100-SXM4-80GB", 0);
            s.env = Map.of("FIL_PROOFS_USE_GPU_COLUMN_BUILDER", "1", "FIL_PROOFS_USE_GPU_TREE_BUILDER", "1");
        }));
        Container c = awaitPod("derived-gpu").getSpec().getContainers().get(0);
        // PreCommit2 32GiB on a GPU: 6 threads; MaxMemory 15 GiB + BaseMinMemory 1 GiB.
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("6"), "memory", new Quantity("16Gi"),
                "nvidia.com/gpu", new Quantity("1")));
    }

    @Test
    void derivedGpuWorkerWhosePreCommit2RunsOnTheCpuEngineAsksForTheCpuThreadRuleNotTheGpuThreads() {
        cluster.create(worker("cpu-pc2", 1, "1Gi", s -> {
            s.resources = null;
            s.tasks = List.of(TaskType.PreCommit2);
            s.gpu = gpu("NVIDIA-A100-SXM4-80GB", 0);
        }));
        Container c = awaitPod("cpu-pc2").getSpec().getContainers().get(0);
        // The 92 % rule fits any core count (1); the GPU asked for is still granted, and the status says it is unused.
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("16Gi"),
                "nvidia.com/gpu", new Quantity("1")));
    }

    @Test
    void cachesAreNodeVolumesAtLotusDefaultFoldersNamedByTheKernelsEnvironment() {
        cluster.create(worker("cached", 8, "64Gi", s -> { }));
        Pod pod = awaitPod("cached");
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(env(c)).containsEntry("FIL_PROOFS_PARENT_CACHE", "/var/tmp/filecoin-parents")
                .containsEntry("FIL_PROOFS_PARAMETER_CACHE", "/var/tmp/filecoin-proof-parameters");
        assertThat(pod.getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("parent-cache");
            assertThat(v.getHostPath().getPath()).isEqualTo("/var/tmp/filecoin-parents");
            assertThat(v.getHostPath().getType()).isEqualTo("DirectoryOrCreate");
        }).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("parameter-cache");
            assertThat(v.getHostPath().getPath()).isEqualTo("/var/tmp/filecoin-proof-parameters");
        });
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("parent-cache");
            assertThat(m.getMountPath()).isEqualTo("/var/tmp/filecoin-parents");
        }).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("parameter-cache");
            assertThat(m.getMountPath()).isEqualTo("/var/tmp/filecoin-proof-parameters");
        });
    }

    @Test
    void cachesCanLiveOnAnotherNodeFolderOrAClaimAndTheEnvironmentKeepsNamingTheMounts() {
        cluster.create(worker("cached", 8, "64Gi", s -> {
            s.caches = new io.sealfleet.api.NodeCaches();
            s.caches.parentCache = new io.sealfleet.api.CacheVolume();
            s.caches.parentCache.hostPath = "/nvme/filecoin-parents";
            s.caches.parameterCache = new io.sealfleet.api.CacheVolume();
            s.caches.parameterCache.claimName = "proof-params";
        }));
        Pod pod = awaitPod("cached");
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(env(c)).containsEntry("FIL_PROOFS_PARENT_CACHE", "/var/tmp/filecoin-parents")
                .containsEntry("FIL_PROOFS_PARAMETER_CACHE", "/var/tmp/filecoin-proof-parameters");
        assertThat(pod.getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("parent-cache");
            assertThat(v.getHostPath().getPath()).isEqualTo("/nvme/filecoin-parents");
        }).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("parameter-cache");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("proof-params");
        });
    }
}
