package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.StoragePathStatus;
import io.sealfleet.api.StoredSector;
import io.sealfleet.kube.ClusterStateBuilder;
import io.sealfleet.scheduler.Capacity;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.FileType;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet (the SealingWorkers of one namespace) as the miner sees it: one Lotus worker whose
 * resources are the sum of the Ready workers', whose task types are those some Ready worker runs,
 * and whose per-task {@code MaxConcurrent} is how many of that task the fleet runs at once, so the
 * miner never has more calls running than the fleet will run.
 */
public final class FleetView {
    /** One Ready worker with the storage it reports. */
    public record Member(SealingWorker worker, WorkerNode node) {
        public String endpoint() {
            return worker.getStatus() == null ? null : worker.getStatus().endpoint;
        }
    }

    /** A storage path of the fleet, as its SealingWorker declares it and its agent reports it. */
    public record Path(String worker, StoragePathSpec spec, StoragePathStatus status) {
        public boolean canStore() {
            return Boolean.TRUE.equals(spec.canStore);
        }

        public boolean canSeal() {
            return Boolean.TRUE.equals(spec.canSeal);
        }

        public int weight() {
            return spec.weight == null ? 10 : spec.weight;
        }
    }

    private final List<Member> members;
    private final List<Path> paths;
    private final List<String> groups;

    private FleetView(List<Member> members, List<Path> paths, List<String> groups) {
        this.members = members;
        this.paths = paths;
        this.groups = groups;
    }

    public static FleetView read(KubernetesClient client, String namespace) {
        List<String> groupAllowTo = new ArrayList<>();
        for (StorageGroup g : client.resources(StorageGroup.class).inNamespace(namespace).list().getItems()) {
            groupAllowTo.add(g.getMetadata().getName());
            if (g.getSpec() != null && g.getSpec().allowTo != null) {
                groupAllowTo.addAll(g.getSpec().allowTo);
            }
        }
        return of(client.resources(SealingWorker.class).inNamespace(namespace).list().getItems(), groupAllowTo);
    }

    public static FleetView of(List<SealingWorker> workers) {
        return of(workers, List.of());
    }

    private static FleetView of(List<SealingWorker> workers, List<String> groupNames) {
        java.util.Set<String> groups = new java.util.TreeSet<>(groupNames);
        List<Member> members = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (SealingWorker w : workers) {
            WorkerNode node = new ClusterStateBuilder(Instant.EPOCH).worker(w).build().workers().get(0);
            if (node.notReady() != null || w.getStatus() == null || w.getStatus().endpoint == null) {
                continue;
            }
            members.add(new Member(w, node));
            if (w.getSpec().storage == null || w.getStatus().storage == null) {
                continue;
            }
            for (StoragePathSpec ps : w.getSpec().storage) {
                if (ps.groups != null) {
                    groups.addAll(ps.groups);
                }
                if (ps.allowTo != null) {
                    groups.addAll(ps.allowTo);
                }
                w.getStatus().storage.stream().filter(s -> ps.id.equals(s.id)).findFirst()
                        .ifPresent(s -> paths.add(new Path(w.getMetadata().getName(), ps, s)));
            }
        }
        return new FleetView(List.copyOf(members), List.copyOf(paths), List.copyOf(groups));
    }

    /**
     * Every storage group name the fleet mentions. The bridge names them all as its target when it reads
     * from an agent: it relays files to the miner, where sealed sectors belong, and is no storage location
     * that the groups' allowTo governs.
     */
    public List<String> allGroups() {
        return groups;
    }

    public List<Member> members() {
        return members;
    }

    public List<Path> paths() {
        return paths;
    }

    public boolean runs(TaskType type) {
        return members.stream().anyMatch(m -> accepts(m.node(), type));
    }

    private static boolean accepts(WorkerNode n, TaskType type) {
        return n.canRun(type);
    }

    /** How many tasks of this type and proof the fleet runs at once (0: none of its workers can run one). */
    public int concurrency(TaskType type, SealProof proof) {
        int total = 0;
        for (Member m : members) {
            if (accepts(m.node(), type)) {
                total += perWorker(m.node(), type, proof);
            }
        }
        return total;
    }

    private static int perWorker(WorkerNode n, TaskType type, SealProof proof) {
        ResourceSpec spec = n.table().get(type, proof.size());
        Capacity cap = n.sealingCapacity();
        long fit = Math.max(1, cap.cpus());
        int threads = spec.threads(cap.cpus(), cap.gpus());
        if (threads > 0) {
            fit = Math.min(fit, cap.cpus() / threads);
        }
        if (spec.minMemory() > 0) {
            fit = Math.min(fit, Math.max(0, cap.memory() - cap.memoryUsed()) / spec.minMemory());
        }
        if (spec.maxMemory() > 0) {
            fit = Math.min(fit, Math.max(0, cap.memory() + cap.swap() - cap.memoryUsed()) / spec.maxMemory());
        }
        if (spec.usesGpu(cap.gpus()) && spec.gpuUtilization() > 0) {
            fit = Math.min(fit, (long) Math.floor(cap.gpus() / spec.gpuUtilization()));
        }
        if (spec.maxConcurrent() > 0) {
            fit = Math.min(fit, spec.maxConcurrent());
        }
        return (int) Math.min(Integer.MAX_VALUE, fit);
    }

    /** {@code Filecoin.TaskTypes}: what some Ready worker runs, plus fetch, which the bridge answers itself. */
    public ObjectNode taskTypes() {
        ObjectNode out = LotusJson.MAPPER.createObjectNode();
        for (LotusMethod m : LotusMethod.values()) {
            boolean offered = m.taskType() == null ? !members.isEmpty() : runs(m.taskType());
            if (offered) {
                out.putObject(m.taskString());
            }
        }
        return out;
    }

    /**
     * {@code Filecoin.Info}: the fleet's summed CPUs, memory, swap and GPUs, {@code IgnoreResources}
     * (the fleet places each task itself) and, per task and proof, {@code MaxConcurrent} = what the
     * fleet runs at once; a pair it cannot run at all keeps Lotus's limit of one and is refused when called.
     */
    public ObjectNode info(String hostname) {
        long mem = 0;
        long swap = 0;
        long used = 0;
        int cpus = 0;
        ObjectNode out = LotusJson.MAPPER.createObjectNode();
        ArrayNode gpus = LotusJson.MAPPER.createArrayNode();
        for (Member m : members) {
            Capacity c = m.node().sealingCapacity();
            mem += c.memory();
            swap += c.swap();
            used += c.memoryUsed();
            cpus += c.cpus();
            for (int g = 0; g < c.gpus(); g++) {
                gpus.add(c.gpuProduct() == null ? "GPU" : c.gpuProduct());
            }
        }
        out.put("Hostname", hostname);
        out.put("IgnoreResources", true);
        ObjectNode res = out.putObject("Resources");
        // lotus-miner sealing workers divides by these: never report zero.
        res.put("MemPhysical", Math.max(mem, 1));
        res.put("MemUsed", used);
        res.put("MemSwap", swap);
        res.put("MemSwapUsed", 0);
        res.put("CPUs", Math.max(cpus, 1));
        res.set("GPUs", gpus);
        ObjectNode table = res.putObject("Resources");
        for (LotusMethod lm : LotusMethod.values()) {
            TaskType t = lm.taskType();
            if (t == null || !runs(t)) {
                continue;
            }
            ObjectNode byProof = table.putObject(lm.taskString());
            for (SealProof p : SealProof.values()) {
                ResourceSpec spec = io.sealfleet.table.ResourceTable.defaults().get(t, p.size());
                byProof.putObject(Integer.toString(p.number()))
                        .put("MinMemory", spec.minMemory()).put("MaxMemory", spec.maxMemory())
                        .put("GPUUtilization", spec.gpuUtilization()).put("MaxParallelism", spec.maxParallelism())
                        .put("MaxParallelismGPU", spec.maxParallelismGpu()).put("BaseMinMemory", spec.baseMinMemory())
                        .put("MaxConcurrent", Math.max(1, concurrency(t, p)));
            }
        }
        return out;
    }

    /** {@code Filecoin.Paths}: every storage path of a Ready worker, under its fleet path ID. */
    public ArrayNode lotusPaths() {
        ArrayNode out = LotusJson.MAPPER.createArrayNode();
        for (Path p : paths) {
            out.addObject().put("ID", p.spec().id).put("Weight", p.weight())
                    .put("LocalPath", p.worker() + ":" + p.spec().id).put("CanSeal", p.canSeal()).put("CanStore", p.canStore());
        }
        return out;
    }

    /** Which file types of a sector the fleet holds, by path. */
    public Map<Path, Set<FileType>> holdings(long miner, long number) {
        Map<Path, Set<FileType>> out = new java.util.LinkedHashMap<>();
        for (Path p : paths) {
            if (p.status().sectors == null) {
                continue;
            }
            for (StoredSector s : p.status().sectors) {
                if (s.sector == number && s.miner != null && s.miner.substring(2).equals(Long.toString(miner)) && s.files != null) {
                    out.computeIfAbsent(p, k -> EnumSet.noneOf(FileType.class)).addAll(s.files);
                }
            }
        }
        return out;
    }

    /** The endpoint of a Ready worker holding this file type of the sector, or null. */
    public String holder(long miner, long number, FileType type) {
        for (Map.Entry<Path, Set<FileType>> e : holdings(miner, number).entrySet()) {
            if (e.getValue().contains(type)) {
                return endpointOf(e.getKey().worker());
            }
        }
        return null;
    }

    public String endpointOf(String worker) {
        return members.stream().filter(m -> m.worker().getMetadata().getName().equals(worker)).map(Member::endpoint)
                .findFirst().orElse(null);
    }
}
