package io.sealfleet.api.validation;

import io.sealfleet.api.CacheVolume;
import io.sealfleet.api.ExternalProver;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.Toleration;
import io.sealfleet.api.WindowPostReserve;
import io.sealfleet.api.WorkerResources;
import io.sealfleet.kube.Pc2Engine;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.InvalidOverrideException;
import io.sealfleet.table.ResourceTable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SealingWorker CRD's schema and CEL rules, plus what a schema cannot say: that the resource-table
 * overrides parse, that quantities fit in a byte count, that the WindowPoSt reserve leaves cores to seal.
 */
final class SealingWorkerSpecRules {
    private static final Pattern TOLERATION_OPERATOR = Pattern.compile("^(Exists|Equal)$");
    private static final Pattern TAINT_EFFECT = Pattern.compile("^(NoSchedule|PreferNoSchedule|NoExecute)$");

    private SealingWorkerSpecRules() {
    }

    static void check(SealingWorkerSpec spec, FieldErrors errors) {
        tasks(spec, errors);
        resources(spec.resources, errors);
        if (spec.gpu != null) {
            errors.atLeast("spec.gpu.minMemoryMiB", spec.gpu.minMemoryMiB, 0, "write the GPU memory in MiB, e.g. 24576");
        }
        tolerations(spec, errors);
        StoragePathRules.check(spec.storage, errors);
        windowPost(spec.windowPost, spec.resources, errors);
        externalProver(spec.externalProver, errors);
        resourceTable(spec, errors);
        caches(spec, errors);
        kernelEnv(spec, errors);
    }

    /** A quantity's bytes, 0 when it does not parse (that error is reported on its own field). */
    private static long bytesOrZero(String quantity) {
        try {
            return Bytes.parse(quantity);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static void caches(SealingWorkerSpec spec, FieldErrors errors) {
        if (spec.caches == null) {
            return;
        }
        cache("spec.caches.parentCache", spec.caches.parentCache, errors);
        cache("spec.caches.parameterCache", spec.caches.parameterCache, errors);
    }

    private static void cache(String at, CacheVolume v, FieldErrors errors) {
        if (v != null && v.hostPath != null && v.claimName != null) {
            errors.add(at, "the cache sets both hostPath and claimName; keep one of them");
        }
    }

    /** The caches' directories are the mounts the operator makes; the GPU switches are booleans. */
    private static void kernelEnv(SealingWorkerSpec spec, FieldErrors errors) {
        if (spec.env == null) {
            return;
        }
        for (String[] cache : new String[][] {{"FIL_PROOFS_PARENT_CACHE", "parentCache"},
                {"FIL_PROOFS_PARAMETER_CACHE", "parameterCache"}}) {
            if (spec.env.containsKey(cache[0])) {
                errors.add("spec.env." + cache[0], "the operator sets it to the node-level cache it mounts; choose the "
                        + "node's folder or PVC with spec.caches." + cache[1] + " and remove it from spec.env");
            }
        }
        for (String flag : new String[] {Pc2Engine.COLUMN_BUILDER, Pc2Engine.TREE_BUILDER}) {
            String bad = Pc2Engine.invalidFlag(spec.env.get(flag));
            if (bad != null) {
                errors.add("spec.env." + flag, bad);
            }
        }
    }

    private static void tasks(SealingWorkerSpec spec, FieldErrors errors) {
        if (spec.tasks == null) {
            return;
        }
        for (int i = 0; i < spec.tasks.size(); i++) {
            errors.required("spec.tasks[" + i + "]", spec.tasks.get(i),
                    "write a task type such as PreCommit1, or remove the empty item");
        }
    }

    private static void resources(WorkerResources resources, FieldErrors errors) {
        if (resources == null) {
            return;
        }
        errors.atLeast("spec.resources.cpu", resources.cpu, 1, "give the pod at least one core, or leave cpu out to derive it");
        errors.atLeast("spec.resources.gpus", resources.gpus, 0, "write the number of whole GPUs");
        errors.quantity("spec.resources.memory", resources.memory);
        errors.quantity("spec.resources.swap", resources.swap);
    }

    private static void tolerations(SealingWorkerSpec spec, FieldErrors errors) {
        if (spec.tolerations == null) {
            return;
        }
        for (int i = 0; i < spec.tolerations.size(); i++) {
            String at = "spec.tolerations[" + i + "]";
            Toleration t = spec.tolerations.get(i);
            if (errors.required(at, t, "remove the empty list item")) {
                errors.matches(at + ".operator", t.operator, TOLERATION_OPERATOR, "write Exists or Equal");
                errors.matches(at + ".effect", t.effect, TAINT_EFFECT,
                        "write NoSchedule, PreferNoSchedule or NoExecute, or leave effect out to match all");
            }
        }
    }

    private static void windowPost(WindowPostReserve reserve, WorkerResources resources, FieldErrors errors) {
        if (reserve == null) {
            return;
        }
        errors.atLeast("spec.windowPost.cores", reserve.cores, 0, "write the number of cores to keep free");
        errors.quantity("spec.windowPost.memory", reserve.memory);
        if (reserve.memory != null && resources != null && resources.memory != null
                && bytesOrZero(reserve.memory) >= bytesOrZero(resources.memory) && bytesOrZero(resources.memory) > 0) {
            errors.add("spec.windowPost.memory", "reserving " + reserve.memory + " of the worker's " + resources.memory
                    + " for WindowPoSt leaves no memory for the sealing pod; reserve less or raise spec.resources.memory");
        }
        if (reserve.cores != null && resources != null && resources.cpu != null && reserve.cores >= resources.cpu) {
            errors.add("spec.windowPost.cores", "reserving " + reserve.cores + " of the pod's " + resources.cpu
                    + " cores for WindowPoSt leaves none for sealing; reserve fewer cores or raise spec.resources.cpu");
        }
    }

    private static void externalProver(ExternalProver prover, FieldErrors errors) {
        if (prover == null) {
            return;
        }
        if (prover.effectiveAdapter() == ProverAdapter.LotusBench) {
            if (prover.command != null) {
                errors.add("spec.externalProver.command", "the LotusBench adapter runs lotus-bench prove itself; remove "
                        + "command and set spec.externalProver.path to the lotus-bench executable (default lotus-bench on PATH)");
            }
            if (prover.path != null && prover.path.isBlank()) {
                errors.add("spec.externalProver.path", "is blank; write the lotus-bench executable or remove the field");
            }
            return;
        }
        String adapter = prover.effectiveAdapter().name();
        if (prover.path != null || prover.args != null) {
            errors.add(prover.path != null ? "spec.externalProver.path" : "spec.externalProver.args", "belongs to the "
                    + "LotusBench adapter; with the " + adapter + " adapter put the executable and its arguments in command");
        }
        if (!errors.required("spec.externalProver.command", prover.command,
                "set the prover command and its arguments, or remove spec.externalProver")) {
            return;
        }
        if (prover.command.isEmpty() || prover.command.get(0) == null || prover.command.get(0).isBlank()) {
            errors.add("spec.externalProver.command", "is empty; its first word must be the prover executable");
            return;
        }
        if (prover.effectiveAdapter() == ProverAdapter.Files) {
            filesTemplate(prover.command, errors);
        }
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}");

    private static void filesTemplate(List<String> command, FieldErrors errors) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < command.size(); i++) {
            java.util.regex.Matcher m = PLACEHOLDER.matcher(command.get(i) == null ? "" : command.get(i));
            while (m.find()) {
                if (!ProverAdapter.FILE_PLACEHOLDERS.contains(m.group(1))) {
                    errors.add("spec.externalProver.command[" + i + "]", "{" + m.group(1) + "} is not a placeholder; use "
                            + ProverAdapter.FILE_PLACEHOLDERS.stream().map(p -> "{" + p + "}").collect(
                            java.util.stream.Collectors.joining(", ")));
                }
                used.add(m.group(1));
            }
        }
        for (String needed : List.of("in", "out")) {
            if (!used.contains(needed)) {
                errors.add("spec.externalProver.command", "the Files adapter needs {" + needed + "} in the command: the agent "
                        + "writes the vanilla proofs to {in} and reads the proof from {out}");
            }
        }
    }

    /** The scheduler builds the table the same way, so a key or value it cannot use is an error here too. */
    private static void resourceTable(SealingWorkerSpec spec, FieldErrors errors) {
        try {
            ResourceTable.of(spec.resourceTable, spec.env);
        } catch (InvalidOverrideException e) {
            String prefix = e.field() + ": ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            errors.add(e.field(), message);
        }
    }
}
