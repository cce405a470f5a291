package io.sealfleet.table;

/**
 * What one task of one type and sector size needs, in Lotus's fields.
 *
 * @param minMemory         RAM that must be physically free, bytes
 * @param maxMemory         peak RAM+swap, bytes
 * @param gpuUtilization    GPUs occupied (fractional allowed); 0 means not a GPU task
 * @param maxParallelism    CPU threads without a GPU; -1 means the 92 % rule, 0 no CPU slot
 * @param maxParallelismGpu CPU threads as a GPU task on a GPU worker; 0 inherits maxParallelism
 * @param baseMinMemory     head-room that must be free at admission but is not accumulated, bytes
 * @param maxConcurrent     at most this many of the type and size on one worker; 0 is no limit
 */
public record ResourceSpec(long minMemory, long maxMemory, double gpuUtilization, int maxParallelism,
                           int maxParallelismGpu, long baseMinMemory, int maxConcurrent) {

    public static final ResourceSpec NONE = new ResourceSpec(0, 0, 0, 0, 0, 0, 0);

    /** Lotus's thread rule: integer floor of 92 % of the CPUs for multithreaded tasks, at least 1. */
    public int threads(int cpus, int gpus) {
        int mp = maxParallelism;
        if (gpuUtilization > 0 && gpus > 0 && maxParallelismGpu != 0) {
            mp = maxParallelismGpu;
        }
        if (mp == -1) {
            int n = cpus * 92 / 100;
            return n != 0 ? n : cpus;
        }
        return mp;
    }

    public boolean usesGpu(int gpus) {
        return gpuUtilization > 0 && gpus > 0;
    }

    public ResourceSpec withMinMemory(long v) {
        return new ResourceSpec(v, maxMemory, gpuUtilization, maxParallelism, maxParallelismGpu, baseMinMemory, maxConcurrent);
    }

    public ResourceSpec withMaxMemory(long v) {
        return new ResourceSpec(minMemory, v, gpuUtilization, maxParallelism, maxParallelismGpu, baseMinMemory, maxConcurrent);
    }

    public ResourceSpec withGpuUtilization(double v) {
        return new ResourceSpec(minMemory, maxMemory, v, maxParallelism, maxParallelismGpu, baseMinMemory, maxConcurrent);
    }

    public ResourceSpec withMaxParallelism(int v) {
        return new ResourceSpec(minMemory, maxMemory, gpuUtilization, v, maxParallelismGpu, baseMinMemory, maxConcurrent);
    }

    public ResourceSpec withMaxParallelismGpu(int v) {
        return new ResourceSpec(minMemory, maxMemory, gpuUtilization, maxParallelism, v, baseMinMemory, maxConcurrent);
    }

    public ResourceSpec withBaseMinMemory(long v) {
        return new ResourceSpec(minMemory, maxMemory, gpuUtilization, maxParallelism, maxParallelismGpu, v, maxConcurrent);
    }

    public ResourceSpec withMaxConcurrent(int v) {
        return new ResourceSpec(minMemory, maxMemory, gpuUtilization, maxParallelism, maxParallelismGpu, baseMinMemory, v);
    }
}
