package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.sealfleet.api.CacheVolume;
import io.sealfleet.api.NodeCaches;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.StoragePathSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The worker pod a SealingWorker runs as: one per worker, owned by it. */
public final class WorkerPods {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "sealfleet";
    public static final String SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;
    public static final String WORKER_LABEL = "sealing.sealfleet.io/worker";
    public static final String GPU_PRODUCT_LABEL = "sealing.sealfleet.io/gpu-product";
    public static final String GPU_MEMORY_LABEL = "sealing.sealfleet.io/gpu-memory-mib";
    public static final String SPEC_HASH = "sealing.sealfleet.io/pod-spec-hash";
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    public static final String GPU_PRODUCT_NODE_LABEL = "nvidia.com/gpu.product";
    public static final String GPU_MEMORY_NODE_LABEL = "nvidia.com/gpu.memory";
    public static final String GPU_COUNT_NODE_LABEL = "nvidia.com/gpu.count";
    public static final String STORAGE_ROOT = "/var/lib/sealfleet/storage/";
    public static final String CONTAINER = "worker";
    /** The worker image's non-root user and group. */
    public static final long AGENT_UID = 10001;
    /** The port agents serve sector files on to each other. */
    public static final int TRANSFER_PORT = 7070;
    /** Lotus's default folders, used in the pod and, unless spec.caches says otherwise, on the node. */
    public static final String PARENT_CACHE_DIR = "/var/tmp/filecoin-parents";
    public static final String PARAMETER_CACHE_DIR = "/var/tmp/filecoin-proof-parameters";
    public static final String PARENT_CACHE_ENV = "FIL_PROOFS_PARENT_CACHE";
    public static final String PARAMETER_CACHE_ENV = "FIL_PROOFS_PARAMETER_CACHE";
    static final String PARENT_CACHE_VOLUME = "parent-cache";
    static final String PARAMETER_CACHE_VOLUME = "parameter-cache";

    private WorkerPods() {
    }

    /** The pod's name, also the name of the Lease its agent renews. */
    public static String podName(String worker) {
        return "sealfleet-worker-" + worker;
    }

    public static String leaseName(String worker) {
        return podName(worker);
    }

    public static boolean isGpuWorker(SealingWorkerSpec spec, WorkerGrant grant) {
        return grant.gpus() > 0;
    }

    public static Pod desired(SealingWorker w, String defaultImage, String serviceAccount) {
        SealingWorkerSpec spec = w.getSpec() == null ? new SealingWorkerSpec() : w.getSpec();
        WorkerGrant grant = WorkerGrant.of(spec);
        boolean gpu = isGpuWorker(spec, grant);
        String name = w.getMetadata().getName();
        String ns = w.getMetadata().getNamespace();

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "sealfleet-worker");
        labels.put("app.kubernetes.io/instance", name);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(WORKER_LABEL, name);
        if (gpu && spec.gpu != null && spec.gpu.products != null && spec.gpu.products.size() == 1) {
            labels.put(GPU_PRODUCT_LABEL, labelValue(spec.gpu.products.get(0)));
        }
        if (gpu && spec.gpu != null && spec.gpu.minMemoryMiB != null) {
            labels.put(GPU_MEMORY_LABEL, Long.toString(spec.gpu.minMemoryMiB));
        }

        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(Integer.toString(grant.podCpu())));
        requests.put("memory", new Quantity(grant.podMemory()));
        if (gpu) {
            requests.put(GPU_RESOURCE, new Quantity(Integer.toString(grant.gpus())));
        }
        Map<String, Quantity> limits = new LinkedHashMap<>(requests);
        if (grant.burstable()) {
            // LimitedSwap gives swap only to Burstable containers whose memory limit differs from the request.
            limits.remove("memory");
        }

        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("SEALFLEET_WORKER", name, null));
        env.add(new EnvVarBuilder().withName("SEALFLEET_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        env.add(new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
        env.add(new EnvVar("SEALFLEET_LEASE", leaseName(name), null));
        env.add(new EnvVarBuilder().withName("POD_IP").withNewValueFrom().withNewFieldRef()
                .withFieldPath("status.podIP").endFieldRef().endValueFrom().build());
        env.add(new EnvVarBuilder().withName(TransferSecret.ENV).withNewValueFrom().withNewSecretKeyRef()
                .withName(TransferSecret.NAME).withKey(TransferSecret.KEY).endSecretKeyRef().endValueFrom().build());
        if (!gpu) {
            // The NVIDIA runtime would otherwise expose every GPU of a GPU node to a CPU-only worker.
            env.add(new EnvVar("NVIDIA_VISIBLE_DEVICES", "void", null));
        }
        env.add(new EnvVar(PARENT_CACHE_ENV, PARENT_CACHE_DIR, null));
        env.add(new EnvVar(PARAMETER_CACHE_ENV, PARAMETER_CACHE_DIR, null));
        if (spec.env != null) {
            new TreeMap<>(spec.env).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        }

        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        NodeCaches caches = spec.caches == null ? new NodeCaches() : spec.caches;
        volumes.add(cacheVolume(PARENT_CACHE_VOLUME, caches.parentCache, PARENT_CACHE_DIR));
        mounts.add(new VolumeMountBuilder().withName(PARENT_CACHE_VOLUME).withMountPath(PARENT_CACHE_DIR).build());
        volumes.add(cacheVolume(PARAMETER_CACHE_VOLUME, caches.parameterCache, PARAMETER_CACHE_DIR));
        mounts.add(new VolumeMountBuilder().withName(PARAMETER_CACHE_VOLUME).withMountPath(PARAMETER_CACHE_DIR).build());
        if (spec.storage != null) {
            for (int i = 0; i < spec.storage.size(); i++) {
                StoragePathSpec p = spec.storage.get(i);
                String vol = "storage-" + i;
                VolumeBuilder vb = new VolumeBuilder().withName(vol);
                if (p.hostPath != null) {
                    vb.withNewHostPath().withPath(p.hostPath).withType("DirectoryOrCreate").endHostPath();
                } else {
                    vb.withNewPersistentVolumeClaim().withClaimName(p.claimName).endPersistentVolumeClaim();
                }
                volumes.add(vb.build());
                mounts.add(new VolumeMountBuilder().withName(vol).withMountPath(STORAGE_ROOT + p.id).build());
            }
        }

        List<io.fabric8.kubernetes.api.model.Toleration> tolerations = new ArrayList<>();
        boolean gpuTaintTolerated = false;
        if (spec.tolerations != null) {
            for (io.sealfleet.api.Toleration t : spec.tolerations) {
                tolerations.add(new TolerationBuilder().withKey(t.key).withOperator(t.operator).withValue(t.value)
                        .withEffect(t.effect).withTolerationSeconds(t.tolerationSeconds).build());
                gpuTaintTolerated |= GPU_RESOURCE.equals(t.key);
            }
        }
        if (gpu && !gpuTaintTolerated) {
            tolerations.add(new TolerationBuilder().withKey(GPU_RESOURCE).withOperator("Exists")
                    .withEffect("NoSchedule").build());
        }

        List<NodeSelectorRequirement> gpuNodeRules = new ArrayList<>();
        if (gpu && spec.gpu != null) {
            if (spec.gpu.products != null && !spec.gpu.products.isEmpty()) {
                gpuNodeRules.add(new NodeSelectorRequirementBuilder().withKey(GPU_PRODUCT_NODE_LABEL)
                        .withOperator("In").withValues(spec.gpu.products).build());
            }
            if (spec.gpu.minMemoryMiB != null && spec.gpu.minMemoryMiB > 0) {
                gpuNodeRules.add(new NodeSelectorRequirementBuilder().withKey(GPU_MEMORY_NODE_LABEL)
                        .withOperator("Gt").withValues(Long.toString(spec.gpu.minMemoryMiB - 1)).build());
            }
        }

        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(podName(name)).withNamespace(ns).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(w.getApiVersion()).withKind(w.getKind())
                        .withName(name).withUid(w.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                .withNodeName(spec.nodeName)
                .withNodeSelector(spec.nodeSelector == null ? null : new TreeMap<>(spec.nodeSelector))
                .withTolerations(tolerations)
                .withServiceAccountName(serviceAccount)
                // The worker image runs as UID/GID 10001; fsGroup makes PVC-backed storage writable for it.
                // hostPath directories must be owned by 10001 on the node (docs/operator.md).
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(AGENT_UID).withRunAsGroup(AGENT_UID)
                .withFsGroup(AGENT_UID).endSecurityContext()
                .withRestartPolicy("Always")
                .addNewContainer().withName(CONTAINER)
                .withImage(spec.image != null ? spec.image : defaultImage)
                .withArgs("agent", "--worker", name)
                .withEnv(env)
                .addNewPort().withName("transfer").withContainerPort(TRANSFER_PORT).withProtocol("TCP").endPort()
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .withVolumeMounts(mounts)
                .endContainer()
                .withVolumes(volumes)
                .endSpec();
        if (!gpuNodeRules.isEmpty()) {
            pod.editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().withMatchExpressions(gpuNodeRules).endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec();
        }
        Pod built = pod.build();
        built.getMetadata().setAnnotations(Map.of(SPEC_HASH, hash(Json.write(built.getSpec()))));
        return built;
    }

    /** A cache's volume: its PVC, its hostPath, or by default the node's Lotus folder of the same path. */
    private static Volume cacheVolume(String name, CacheVolume v, String defaultHostPath) {
        VolumeBuilder vb = new VolumeBuilder().withName(name);
        if (v != null && v.claimName != null) {
            return vb.withNewPersistentVolumeClaim().withClaimName(v.claimName).endPersistentVolumeClaim().build();
        }
        String host = v != null && v.hostPath != null ? v.hostPath : defaultHostPath;
        return vb.withNewHostPath().withPath(host).withType("DirectoryOrCreate").endHostPath().build();
    }

    /** A label value: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric. */
    static String labelValue(String s) {
        String v = s.replaceAll("[^A-Za-z0-9._-]", "-");
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        return v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
