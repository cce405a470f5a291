package io.sealfleet.controller;

import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.WorkerResources;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.ResourceSpec;
import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a worker pod asks for (requests equal limits): {@code spec.resources} where given, and for each
 * omitted field a value derived from the worker's resource table (its overrides applied) at 32 GiB, the
 * size mainnet seals, for the task types the worker takes:
 * <ul>
 * <li>memory: the largest MaxMemory + BaseMinMemory of those types, rounded up to a whole GiB, plus
 *     the WindowPoSt memory reserve;</li>
 * <li>cpu: the largest fixed thread count of those types (a type under the 92 % rule fits on any core
 *     count, so it asks for 1), GPU thread counts on a GPU worker, plus the WindowPoSt core reserve;</li>
 * <li>gpus: 1 when the worker asks for a GPU ({@code spec.gpu}) and takes a GPU task type, else 0.</li>
 * </ul>
 * So one task of each type the worker takes fits it; a production worker should say its resources.
 *
 * @param memory the pod's memory as a quantity (e.g. 65Gi)
 */
public record WorkerGrant(int cpu, String memory, String swap, int gpus) {
    static final SectorSize DERIVATION_SIZE = SectorSize.S32GiB;

    public static WorkerGrant of(SealingWorkerSpec spec) {
        WorkerResources r = spec.resources == null ? new WorkerResources() : spec.resources;
        ResourceTable table = ResourceTable.of(spec.resourceTable, spec.env);
        Set<TaskType> types = takes(spec);
        int gpus = r.gpus != null ? r.gpus : spec.gpu != null && types.stream()
                .anyMatch(t -> table.get(t, DERIVATION_SIZE).gpuUtilization() > 0) ? 1 : 0;
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
        String memory;
        if (r.memory != null) {
            memory = r.memory;
        } else {
            long need = 0;
            for (TaskType t : types) {
                ResourceSpec s = table.get(t, DERIVATION_SIZE);
                need = Math.max(need, s.maxMemory() + s.baseMinMemory());
            }
            long gib = (need + reserveMemory + Bytes.GiB - 1) / Bytes.GiB;
            memory = Math.max(1, gib) + "Gi";
        }
        return new WorkerGrant(cpu, memory, r.swap, gpus);
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
