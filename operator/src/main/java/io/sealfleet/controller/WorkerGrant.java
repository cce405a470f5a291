package io.sealfleet.controller;

import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.WorkerResources;
import io.sealfleet.kube.Pc2Engine;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The worker's share of its node and what its sealing pod asks for.
 *
 * <p>The worker's share is {@code spec.resources} where given, and for each omitted field a value
 * derived from the worker's resource table (its overrides applied) at 32 GiB, the size mainnet seals,
 * for the task types the worker takes:
 * <ul>
 * <li>memory: the largest MaxMemory + BaseMinMemory of those types, rounded up to a whole GiB, plus
 *     the WindowPoSt memory reserve;</li>
 * <li>cpu: the largest fixed thread count of those types (a type under the 92 % rule fits on any core
 *     count, so it asks for 1), GPU thread counts where the task runs on the GPU, plus the WindowPoSt
 *     core reserve;</li>
 * <li>gpus: 1 when the worker asks for a GPU ({@code spec.gpu}) and takes a GPU task type, else 0.</li>
 * </ul>
 * The sealing pod asks for the share less the WindowPoSt reserve: the reserve belongs to the
 * lotus-miner pod on the same node, which requests exactly it, so the kubelet gives each pod its own
 * cores. The scheduler plans with the share less the reserve, which is the pod.
 *
 * @param cpu           cores of the worker's share, the reserve included
 * @param memoryBytes   memory of the worker's share, the reserve included
 * @param swap          the swap the worker declares ({@code spec.resources.swap}), or null
 * @param reserveCores  WindowPoSt cores, not in the pod
 * @param reserveMemory WindowPoSt memory, not in the pod
 */
public record WorkerGrant(int cpu, long memoryBytes, String swap, int gpus, int reserveCores, long reserveMemory) {
    static final SectorSize DERIVATION_SIZE = SectorSize.S32GiB;

    public static WorkerGrant of(SealingWorkerSpec spec) {
        WorkerResources r = spec.resources == null ? new WorkerResources() : spec.resources;
        ResourceTable lotus = ResourceTable.of(spec.resourceTable, spec.env);
        ResourceTable table = Pc2Engine.fromSpec(spec).table(lotus);
        Set<TaskType> types = takes(spec);
        // A GPU asked for is granted even when PreCommit2 runs on the CPU engine: the status then says why it is unused.
        int gpus = r.gpus != null ? r.gpus : spec.gpu != null && types.stream()
                .anyMatch(t -> lotus.get(t, DERIVATION_SIZE).gpuUtilization() > 0) ? 1 : 0;
        int reserveCores = spec.windowPost != null && spec.windowPost.cores != null ? spec.windowPost.cores : 0;
        long reserveMemory = spec.windowPost != null && spec.windowPost.memory != null ? Bytes.parse(spec.windowPost.memory) : 0;
        int cpu;
        if (r.cpu != null) {
            cpu = r.cpu;
        } else {
            int threads = 1;
            for (TaskType t : types) {
                threads = Math.max(threads, fixedThreads(table.get(t, DERIVATION_SIZE), gpus));
            }
            cpu = threads + reserveCores;
        }
        long memory;
        if (r.memory != null) {
            memory = Bytes.parse(r.memory);
        } else {
            long need = 0;
            for (TaskType t : types) {
                ResourceSpec s = table.get(t, DERIVATION_SIZE);
                need = Math.max(need, s.maxMemory() + s.baseMinMemory());
            }
            long gib = (need + reserveMemory + Bytes.GiB - 1) / Bytes.GiB;
            memory = Math.max(1, gib) * Bytes.GiB;
        }
        return new WorkerGrant(cpu, memory, r.swap, gpus, reserveCores, reserveMemory);
    }

    /** Cores of the sealing pod: the worker's share less the WindowPoSt reserve. */
    public int podCpu() {
        return Math.max(1, cpu - reserveCores);
    }

    /** Memory of the sealing pod: the worker's share less the WindowPoSt reserve. */
    public long podMemoryBytes() {
        return Math.max(Bytes.MiB, memoryBytes - reserveMemory);
    }

    /** The worker's share of memory as a quantity, e.g. 256Gi. */
    public String memory() {
        return quantity(memoryBytes);
    }

    public String podMemory() {
        return quantity(podMemoryBytes());
    }

    /**
     * A worker that declares swap runs as a Burstable pod: under the kubelet's LimitedSwap only
     * Burstable containers whose memory limit differs from their request get swap (see {@link io.sealfleet.kube.UsableSwap}).
     */
    public boolean burstable() {
        return swap != null && Bytes.parse(swap) > 0;
    }

    /** The exact quantity: 274877906944 → 256Gi, 1536Mi stays 1536Mi, odd byte counts stay bytes. */
    static String quantity(long bytes) {
        if (bytes > 0 && bytes % Bytes.GiB == 0) {
            return bytes / Bytes.GiB + "Gi";
        }
        if (bytes > 0 && bytes % Bytes.MiB == 0) {
            return bytes / Bytes.MiB + "Mi";
        }
        if (bytes > 0 && bytes % Bytes.KiB == 0) {
            return bytes / Bytes.KiB + "Ki";
        }
        return Long.toString(bytes);
    }

    /** The types the worker takes: its list (or the defaults) with the always-on ones, SNARKs only with a prover. */
    static Set<TaskType> takes(SealingWorkerSpec spec) {
        Set<TaskType> types = EnumSet.copyOf(spec.tasks == null ? TaskType.defaultSet() : TaskType.alwaysOnSet());
        if (spec.tasks != null) {
            for (TaskType t : spec.tasks) {
                if (t != null) {
                    types.add(t);
                }
            }
        }
        boolean prover = spec.externalProver != null && spec.externalProver.command != null
                && !spec.externalProver.command.isEmpty();
        if (!prover) {
            types.removeIf(TaskType::needsProver);
        }
        return types;
    }

    private static int fixedThreads(ResourceSpec s, int gpus) {
        int mp = s.gpuUtilization() > 0 && gpus > 0 && s.maxParallelismGpu() != 0 ? s.maxParallelismGpu() : s.maxParallelism();
        return mp < 0 ? 1 : mp;
    }
}
