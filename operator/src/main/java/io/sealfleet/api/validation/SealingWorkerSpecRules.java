package io.sealfleet.api.validation;

import io.sealfleet.api.ExternalProver;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.Toleration;
import io.sealfleet.api.WindowPostReserve;
import io.sealfleet.api.WorkerResources;
import io.sealfleet.table.InvalidOverrideException;
import io.sealfleet.table.ResourceTable;
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
        if (reserve.cores != null && resources != null && resources.cpu != null && reserve.cores >= resources.cpu) {
            errors.add("spec.windowPost.cores", "reserving " + reserve.cores + " of the pod's " + resources.cpu
                    + " cores for WindowPoSt leaves none for sealing; reserve fewer cores or raise spec.resources.cpu");
        }
    }

    private static void externalProver(ExternalProver prover, FieldErrors errors) {
        if (prover != null) {
            errors.required("spec.externalProver.command", prover.command,
                    "set the prover command and its arguments, or remove spec.externalProver");
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
