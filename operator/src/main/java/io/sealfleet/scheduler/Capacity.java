package io.sealfleet.scheduler;

/**
 * What a worker has: CPUs as its pod was given them, memory and swap, the baseline use outside
 * sealing, and its GPUs.
 */
public record Capacity(int cpus, long memory, long swap, long memoryUsed, long swapUsed, int gpus, String gpuProduct,
                       long gpuMemoryMiB) {

    public static Capacity cpu(int cpus, long memory) {
        return new Capacity(cpus, memory, 0, 0, 0, 0, null, 0);
    }

    public Capacity withSwap(long s) {
        return new Capacity(cpus, memory, s, memoryUsed, swapUsed, gpus, gpuProduct, gpuMemoryMiB);
    }

    public Capacity withUsed(long mem, long swp) {
        return new Capacity(cpus, memory, swap, mem, swp, gpus, gpuProduct, gpuMemoryMiB);
    }

    public Capacity withGpus(int n, String product, long memoryMiB) {
        return new Capacity(cpus, memory, swap, memoryUsed, swapUsed, n, product, memoryMiB);
    }

    /** What is left for sealing once a WindowPoSt reserve is taken off. */
    Capacity minus(PostReserve r) {
        if (r == null) {
            return this;
        }
        return new Capacity(Math.max(0, cpus - r.cores()), Math.max(0, memory - r.memory()), swap, memoryUsed, swapUsed,
                gpus, gpuProduct, gpuMemoryMiB);
    }
}
