package io.sealfleet.api.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StorageGroup;
import java.util.List;

/**
 * Validates the three kinds in plain Java, for where no API server does: the {@code sealfleet plan} linter
 * and the operator's defence in depth (the Fabric8 mock server enforces no schema). It checks what the CRD
 * schema and its CEL rules say, except the update-only rule that identity fields cannot change, plus what
 * a schema cannot: the resource-table overrides, byte quantities that must fit, the WindowPoSt reserve
 * against the pod's cores, and that a SectorTask has a spec at all.
 */
public final class SpecValidator {
    private SpecValidator() {
    }

    public static List<FieldError> validate(SectorTask task) {
        FieldErrors errors = new FieldErrors();
        metadata(task, errors);
        if (errors.required("spec", task.getSpec(), "a SectorTask needs spec.miner, spec.sector, spec.sectorSize and spec.type")) {
            SectorTaskSpecRules.check(task.getSpec(), errors);
        }
        return errors.toList();
    }

    public static List<FieldError> validate(SealingWorker worker) {
        FieldErrors errors = new FieldErrors();
        metadata(worker, errors);
        // Every spec field of a worker is optional: an absent spec is a worker with the defaults.
        SealingWorkerSpecRules.check(worker.getSpec() == null ? new SealingWorkerSpec() : worker.getSpec(), errors);
        return errors.toList();
    }

    public static List<FieldError> validate(StorageGroup group) {
        // The schema constrains none of a group's fields; only its name matters (paths refer to it).
        FieldErrors errors = new FieldErrors();
        metadata(group, errors);
        return errors.toList();
    }

    private static void metadata(HasMetadata resource, FieldErrors errors) {
        if (resource.getMetadata() == null || isBlank(resource.getMetadata().getName())) {
            errors.add("metadata.name", "is required; give the " + resource.getKind() + " a name");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
