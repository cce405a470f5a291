package io.sealfleet.scheduler;

import io.sealfleet.table.Bytes;
import io.sealfleet.table.ResourceSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Resources held by the tasks in one pool (Lotus's ActiveResources): a scheduling window, the
 * preparing pool or the active pool. The preparing and active pools of a worker share one task
 * counter, so MaxConcurrent covers both; a window has its own.
 */
public final class Pool {
    /** GPU shares are summed in floating point; a hair of tolerance lets ten 0.1 tasks fill one GPU. */
    private static final double GPU_EPSILON = 1e-9;

    private int cpuUse;
    private long memUsedMin;
    private long memUsedMax;
    private double gpuUsed;
    private final Map<TaskKey, Set<String>> counter;
    private int tasks;

    public Pool() {
        this(new HashMap<>());
    }

    private Pool(Map<TaskKey, Set<String>> counter) {
        this.counter = counter;
    }

    /** A pool that counts tasks in the same counter as this one (preparing and active). */
    public Pool sharingCounter() {
        return new Pool(counter);
    }

    /**
     * A scheduling window's pool: resources only. The scheduler counts MaxConcurrent over the whole
     * worker, so a window keeps no per-task counter.
     */
    static Pool window() {
        return new Pool(null);
    }

    public int cpuUse() {
        return cpuUse;
    }

    public long memUsedMin() {
        return memUsedMin;
    }

    public long memUsedMax() {
        return memUsedMax;
    }

    public double gpuUsed() {
        return gpuUsed;
    }

    /** Distinct tasks counted under the key. */
    public int count(TaskKey key) {
        Set<String> ids = counter == null ? null : counter.get(key);
        return ids == null ? 0 : ids.size();
    }

    /**
     * Lotus's CanHandleRequest, in its order: MaxConcurrent (a task never blocks itself), physical
     * memory (Min + Base against what the pool has not taken; baseline use may be swapped out),
     * RAM+swap (Max + Base against the larger of the pool's Max sum and baseline use), CPU
     * threads, then GPU share when the worker has GPUs.
     *
     * @return null when the task fits
     */
    public Shortfall check(String taskId, TaskKey key, ResourceSpec need, Capacity cap) {
        if (need.maxConcurrent() > 0 && counter != null) {
            Set<String> running = counter.get(key);
            int n = running == null ? 0 : running.size();
            if (n >= need.maxConcurrent() && (running == null || !running.contains(taskId))) {
                return new Shortfall(WaitingCode.MaxConcurrentReached, key.limitName() + "=" + need.maxConcurrent() + " reached");
            }
        }
        return checkResources(need, cap);
    }

    /** The resource part of the predicate alone (windows count MaxConcurrent per worker, not per window). */
    public Shortfall checkResources(ResourceSpec need, Capacity cap) {
        long ramNeed = need.minMemory() + need.baseMinMemory();
        long ramFree = cap.memory() - memUsedMin;
        if (ramNeed > ramFree) {
            return new Shortfall(WaitingCode.InsufficientMemory,
                    () -> "needs " + Bytes.format(ramNeed) + " free RAM, has " + Bytes.format(Math.max(0, ramFree)));
        }
        long vmemUsed = Math.max(memUsedMax, cap.memoryUsed() + cap.swapUsed());
        long vmemNeed = need.maxMemory() + need.baseMinMemory();
        long vmemFree = cap.memory() + cap.swap() - vmemUsed;
        if (vmemNeed > vmemFree) {
            return new Shortfall(WaitingCode.InsufficientMemory,
                    () -> "needs " + Bytes.format(vmemNeed) + " free RAM+swap, has " + Bytes.format(Math.max(0, vmemFree)));
        }
        int threads = need.threads(cap.cpus(), cap.gpus());
        if (cpuUse + threads > cap.cpus()) {
            int used = cpuUse;
            return new Shortfall(WaitingCode.InsufficientCPU,
                    () -> "needs " + threads + (threads == 1 ? " thread" : " threads") + ", has " + Math.max(0, cap.cpus() - used) + " of " + cap.cpus() + " free");
        }
        if (need.usesGpu(cap.gpus()) && gpuUsed + need.gpuUtilization() > cap.gpus() + GPU_EPSILON) {
            double used = gpuUsed;
            return new Shortfall(WaitingCode.InsufficientGPU, () -> "needs " + trim(need.gpuUtilization()) + " GPU, has "
                    + trim(Math.max(0, cap.gpus() - used)) + " of " + cap.gpus() + " free");
        }
        return null;
    }

    public void add(String taskId, TaskKey key, ResourceSpec need, Capacity cap) {
        if (need.usesGpu(cap.gpus())) {
            gpuUsed += need.gpuUtilization();
        }
        cpuUse += need.threads(cap.cpus(), cap.gpus());
        memUsedMin += need.minMemory();
        memUsedMax += need.maxMemory();
        tasks++;
        if (counter != null) {
            counter.computeIfAbsent(key, k -> new HashSet<>()).add(taskId);
        }
    }

    public void free(String taskId, TaskKey key, ResourceSpec need, Capacity cap) {
        if (need.usesGpu(cap.gpus())) {
            gpuUsed -= need.gpuUtilization();
        }
        cpuUse -= need.threads(cap.cpus(), cap.gpus());
        memUsedMin -= need.minMemory();
        memUsedMax -= need.maxMemory();
        tasks--;
        Set<String> ids = counter == null ? null : counter.get(key);
        if (ids != null) {
            ids.remove(taskId);
            if (ids.isEmpty()) {
                counter.remove(key);
            }
        }
    }

    /** Lotus's utilization: the most loaded of CPU, RAM, RAM+swap and GPU, as a fraction. */
    public double utilization(Capacity cap) {
        double u = cap.cpus() > 0 ? (double) cpuUse / cap.cpus() : 0;
        if (cap.memory() > 0) {
            u = Math.max(u, (double) Math.max(memUsedMin, cap.memoryUsed()) / cap.memory());
        }
        long vmem = cap.memory() + cap.swap();
        if (vmem > 0) {
            u = Math.max(u, (double) Math.max(memUsedMax, cap.memoryUsed() + cap.swapUsed()) / vmem);
        }
        if (cap.gpus() > 0) {
            u = Math.max(u, gpuUsed / cap.gpus());
        }
        return u;
    }

    /** Holds no task (a task of zero resources, such as Finalize, still counts). */
    public boolean isEmpty() {
        return tasks == 0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
