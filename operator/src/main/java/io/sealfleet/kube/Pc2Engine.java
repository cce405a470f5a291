package io.sealfleet.kube;

import io.sealfleet.api.GpuEngineCheck;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.table.ResourceTable;
import io.sealfleet.table.TaskType;
import java.util.Locale;
import java.util.Map;

/**
 * Which engine runs a worker's PreCommit2, decided once for the operator, {@code sealfleet plan}
 * and the agent alike.
 *
 * <p>As in rust-fil-proofs, {@code FIL_PROOFS_USE_GPU_COLUMN_BUILDER} (tree-c) and
 * {@code FIL_PROOFS_USE_GPU_TREE_BUILDER} (tree-r-last) select the GPU. The sealer builds both trees
 * with one engine, so the GPU is used only when both are on. The agent then checks the GPU engine
 * against the CPU engine on a 2 KiB sector before its first GPU PreCommit2; a failed check turns the
 * GPU engine off on that worker. On the CPU engine PreCommit2 holds no GPU share and takes the 92 %
 * thread rule, not MaxParallelismGPU.
 *
 * @param gpu    PreCommit2 runs on the GPU engine
 * @param reason why not, for the worker's status; null when {@code gpu}
 */
public record Pc2Engine(boolean gpu, String reason) {
    public static final String COLUMN_BUILDER = "FIL_PROOFS_USE_GPU_COLUMN_BUILDER";
    public static final String TREE_BUILDER = "FIL_PROOFS_USE_GPU_TREE_BUILDER";
    public static final String MAXIMIZE_CACHING = "FIL_PROOFS_MAXIMIZE_CACHING";

    /** What the spec selects, before any check by the agent. */
    public static Pc2Engine fromSpec(SealingWorkerSpec spec) {
        Map<String, String> env = spec.env == null ? Map.of() : spec.env;
        boolean column = on(env.get(COLUMN_BUILDER));
        boolean tree = on(env.get(TREE_BUILDER));
        if (column && tree) {
            return new Pc2Engine(true, null);
        }
        if (column || tree) {
            return new Pc2Engine(false, "spec.env sets only " + (column ? COLUMN_BUILDER : TREE_BUILDER)
                    + "; sealfleet's sealer builds tree-c and tree-r-last with one engine, so set both to 1 to run "
                    + "PreCommit2 on the GPU");
        }
        return new Pc2Engine(false, "spec.env sets neither " + COLUMN_BUILDER + " nor " + TREE_BUILDER
                + "; set both to 1 to run PreCommit2 on the GPU");
    }

    /** What the spec selects, unless the agent's check of the GPU engine failed on this worker. */
    public static Pc2Engine of(SealingWorkerSpec spec, SealingWorkerStatus status) {
        Pc2Engine selected = fromSpec(spec);
        GpuEngineCheck check = status == null || status.agent == null ? null : status.agent.pc2GpuCheck;
        if (selected.gpu && check != null && GpuEngineCheck.FAILED.equals(check.result)) {
            return new Pc2Engine(false, "the GPU engine failed the agent's check and is off on this worker: " + check.message);
        }
        return selected;
    }

    /** The worker's table with PreCommit2 on the engine that runs it. */
    public ResourceTable table(ResourceTable t) {
        return gpu ? t : t.withCpuEngine(TaskType.PreCommit2);
    }

    /** rust-fil-proofs reads these settings as booleans: 1/true on, 0/false off. */
    static boolean on(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true");
    }

    /** A value that is neither on nor off, for the validator; null when it is one of them. */
    public static String invalidFlag(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("0") || v.equals("false") ? null
                : "'" + value + "' is not a boolean; write \"1\" to turn it on or \"0\" to turn it off";
    }
}
