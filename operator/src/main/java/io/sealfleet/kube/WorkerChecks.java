package io.sealfleet.kube;

import io.sealfleet.api.AgentReport;
import io.sealfleet.api.CacheStatus;
import io.sealfleet.api.GpuEngineCheck;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.table.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's fitness for sealing as its agent reports it: the open-files limit, the caches' free
 * space, the PreCommit2 engine and the kernel settings it ignores. The operator turns each check into
 * a condition; {@link #blocksSealing} is the one that keeps tasks off the worker, and the scheduler's
 * input builder applies it, so {@code sealfleet plan} and the operator agree.
 */
public final class WorkerChecks {
    public static final String OPEN_FILES = "OpenFilesLimit";
    public static final String CACHE_SPACE = "CacheSpace";
    public static final String GPU_ENGINE = "GpuEngine";
    public static final String KERNEL_SETTINGS = "KernelSettings";
    public static final String SWAP_USABLE = "SwapUsable";
    /** The reason of a GpuEngine condition whose check failed: also a Warning event. */
    public static final String GPU_ENGINE_FAILED = "GpuEngineFailed";

    /** One condition's worth: its type, whether it holds, a CamelCase reason and a message. */
    public record Check(String type, boolean ok, String reason, String message) {
    }

    private WorkerChecks() {
    }

    /** Why the worker may run no task at all, or null: an open-files limit below what sealing needs. */
    public static String blocksSealing(SealingWorkerStatus status) {
        AgentReport r = status == null ? null : status.agent;
        if (r == null || r.openFilesLimit == null || r.openFilesRequired == null || r.openFilesLimit >= r.openFilesRequired) {
            return null;
        }
        return "open-files limit (RLIMIT_NOFILE) in the worker pod is " + r.openFilesLimit + " (hard limit "
                + r.openFilesHardLimit + "), below the " + r.openFilesRequired + " sealing needs; raise the container "
                + "runtime's LimitNOFILE (e.g. LimitNOFILE=1048576 in the containerd or CRI-O systemd unit"
                + (status.node == null ? "" : " on node " + status.node) + ") and recreate the worker pod";
    }

    /** The checks to show as conditions; a check the agent has not reported yet is left out. */
    public static List<Check> checks(SealingWorkerSpec spec, SealingWorkerStatus status) {
        List<Check> out = new ArrayList<>();
        AgentReport r = status == null ? null : status.agent;
        if (r != null && r.openFilesLimit != null && r.openFilesRequired != null) {
            String blocked = blocksSealing(status);
            out.add(blocked != null ? new Check(OPEN_FILES, false, "OpenFilesLimitTooLow", blocked)
                    : new Check(OPEN_FILES, true, "OpenFilesLimitEnough", "open-files limit " + r.openFilesLimit
                    + " (hard " + r.openFilesHardLimit + ") covers the " + r.openFilesRequired + " sealing needs"));
        }
        if (r != null && r.caches != null && !r.caches.isEmpty()) {
            out.add(cacheSpace(r.caches));
        }
        int gpus = status == null || status.capacity == null || status.capacity.gpus == null ? 0 : status.capacity.gpus;
        if (gpus > 0) {
            out.add(gpuEngine(spec, status));
        }
        if (spec.env != null && spec.env.containsKey(Pc2Engine.MAXIMIZE_CACHING)) {
            out.add(new Check(KERNEL_SETTINGS, false, "SettingIgnored", "spec.env." + Pc2Engine.MAXIMIZE_CACHING
                    + " is ignored: sealfleet's PreCommit2 streams the layers in 8^4-node chunks and keeps no tree in memory "
                    + "whatever it says, so its memory use is the resource table's either way; remove it from spec.env"));
        }
        return out;
    }

    private static Check cacheSpace(List<CacheStatus> caches) {
        List<String> short_ = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (CacheStatus c : caches) {
            long need = c.requiredBytes == null ? 0 : c.requiredBytes;
            long free = c.availableBytes == null ? 0 : c.availableBytes;
            if (need > free) {
                short_.add(c.name + " at " + c.path + " has " + Bytes.format(free) + " free but needs " + Bytes.format(need)
                        + " more for the worker's sector sizes; free space on that volume or point spec.caches." + c.name
                        + " at a larger one");
            } else {
                fine.add(c.name + " " + Bytes.format(free) + " free");
            }
        }
        return short_.isEmpty() ? new Check(CACHE_SPACE, true, "CacheSpaceEnough", String.join(", ", fine))
                : new Check(CACHE_SPACE, false, "CacheSpaceLow", String.join("; ", short_));
    }

    private static Check gpuEngine(SealingWorkerSpec spec, SealingWorkerStatus status) {
        Pc2Engine engine = Pc2Engine.of(spec, status);
        GpuEngineCheck check = status.agent == null ? null : status.agent.pc2GpuCheck;
        if (engine.gpu()) {
            return check != null && GpuEngineCheck.PASSED.equals(check.result)
                    ? new Check(GPU_ENGINE, true, "GpuEngineVerified", "PreCommit2 runs on the GPU; " + check.message)
                    : new Check(GPU_ENGINE, true, "GpuEngineSelected", "PreCommit2 runs on the GPU once the agent has "
                    + "checked it against the CPU engine on a 2 KiB sector, before the first GPU PreCommit2");
        }
        boolean failed = check != null && GpuEngineCheck.FAILED.equals(check.result) && Pc2Engine.fromSpec(spec).gpu();
        return new Check(GPU_ENGINE, false, failed ? GPU_ENGINE_FAILED : "GpuUnused", "the worker's GPU is unused by "
                + "PreCommit2, which runs on the CPU engine with the 92 % thread rule: " + engine.reason());
    }
}
