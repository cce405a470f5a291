package io.sealfleet.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.api.validation.SpecValidator;
import io.sealfleet.kube.ClusterStateBuilder;
import io.sealfleet.scheduler.Assigner;
import io.sealfleet.scheduler.Scheduler;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.table.InvalidOverrideException;
import io.sealfleet.table.ResourceTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validates manifests like the operator would and runs one scheduling pass over them. */
public final class Planner {
    private final Assigner assigner;
    private final Instant now;
    private final List<String> notes = new ArrayList<>();

    public Planner(Assigner assigner, Instant now) {
        this.assigner = assigner;
        this.now = now;
    }

    public SchedulingPlan plan(List<Manifest> manifests) throws ManifestException {
        Set<String> seen = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (Manifest m : manifests) {
            HasMetadata o = m.object();
            if (!seen.add(o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())) {
                throw new ManifestException(m.label() + ": metadata.name: defined twice; names are unique per kind and namespace");
            }
            List<FieldError> errors = validate(o);
            if (!errors.isEmpty()) {
                throw new ManifestException(m.label() + ": " + errors.get(0));
            }
            if (o instanceof StorageGroup g) {
                groups.add(g.getMetadata().getName());
            }
            if (o instanceof SealingWorker w && w.getSpec() != null) {
                ResourceTable.of(w.getSpec().resourceTable, w.getSpec().env).notes().forEach(n -> notes.add(m.label() + ": " + n));
            }
        }
        ClusterStateBuilder state = new ClusterStateBuilder(now);
        for (Manifest m : manifests) {
            try {
                if (m.object() instanceof StorageGroup g) {
                    state.group(g);
                } else if (m.object() instanceof SealingWorker w) {
                    checkGroups(m, w, groups);
                    state.worker(w);
                } else if (m.object() instanceof SectorTask t) {
                    state.task(t);
                }
            } catch (InvalidOverrideException e) {
                throw new ManifestException(m.label() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ManifestException(m.label() + ": " + e.getMessage());
            }
        }
        return new Scheduler(assigner, null).plan(state.build());
    }

    /** How the last {@link #plan} read keys written with Lotus's documented codes, one line each. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    static List<FieldError> validate(HasMetadata o) {
        if (o instanceof SectorTask t) {
            return SpecValidator.validate(t);
        }
        if (o instanceof SealingWorker w) {
            return SpecValidator.validate(w);
        }
        if (o instanceof StorageGroup g) {
            return SpecValidator.validate(g);
        }
        throw new IllegalArgumentException("not a sealfleet object: " + o.getKind());
    }

    /** A group name that matches no StorageGroup is a typo until proven otherwise. */
    private static void checkGroups(Manifest m, SealingWorker w, Set<String> groups) throws ManifestException {
        if (w.getSpec() == null || w.getSpec().storage == null) {
            return;
        }
        List<StoragePathSpec> paths = w.getSpec().storage;
        for (int i = 0; i < paths.size(); i++) {
            for (String field : List.of("groups", "allowTo")) {
                List<String> names = field.equals("groups") ? paths.get(i).groups : paths.get(i).allowTo;
                if (names == null) {
                    continue;
                }
                for (int j = 0; j < names.size(); j++) {
                    if (!groups.contains(names.get(j))) {
                        throw new ManifestException(m.label() + ": spec.storage[" + i + "]." + field + "[" + j + "]: "
                                + "no StorageGroup named '" + names.get(j) + "'; create it or fix the name");
                    }
                }
            }
        }
    }
}
