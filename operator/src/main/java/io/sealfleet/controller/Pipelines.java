package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.table.TaskType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pipelines: a succeeded task with {@code pipeline: true} makes the sector's next task. Sealing runs
 * AddPiece → PreCommit1 → PreCommit2 → Commit1 → Commit2 → Finalize; a snap-deal update runs
 * ReplicaUpdate → ProveReplicaUpdate1 → ProveReplicaUpdate2 → FinalizeReplicaUpdate, each later task
 * carrying the update's commitments as the ReplicaUpdate reported them. The next task is named after the first
 * ({@code <base>-<short name>}, e.g. {@code s42-pc1} → {@code s42-pc2}), owned by the pipeline's
 * first task (deleting it deletes the pipeline) and labelled with it.
 */
public final class Pipelines {
    public static final String PIPELINE_LABEL = "sealing.sealfleet.io/pipeline";
    private static final Map<TaskType, TaskType> NEXT = new EnumMap<>(TaskType.class);
    /** The steps after a ReplicaUpdate: they check or prove against its commitments. */
    private static final Set<TaskType> UPDATE_STEPS = EnumSet.of(TaskType.ProveReplicaUpdate1, TaskType.ProveReplicaUpdate2,
            TaskType.FinalizeReplicaUpdate);

    static {
        NEXT.put(TaskType.AddPiece, TaskType.PreCommit1);
        NEXT.put(TaskType.PreCommit1, TaskType.PreCommit2);
        NEXT.put(TaskType.PreCommit2, TaskType.Commit1);
        NEXT.put(TaskType.Commit1, TaskType.Commit2);
        NEXT.put(TaskType.Commit2, TaskType.Finalize);
        NEXT.put(TaskType.ReplicaUpdate, TaskType.ProveReplicaUpdate1);
        NEXT.put(TaskType.ProveReplicaUpdate1, TaskType.ProveReplicaUpdate2);
        NEXT.put(TaskType.ProveReplicaUpdate2, TaskType.FinalizeReplicaUpdate);
    }

    private Pipelines() {
    }

    public static TaskType next(TaskType type) {
        return NEXT.get(type);
    }

    /** The last task of the whole pipeline that starts at {@code type} (Finalize, FinalizeReplicaUpdate). */
    public static TaskType last(TaskType type) {
        TaskType t = type;
        while (NEXT.containsKey(t)) {
            t = NEXT.get(t);
        }
        return t;
    }

    /** {@code s42-ap} (AddPiece) → {@code s42-pc1}; a name without its type's suffix gets one appended. */
    public static String nextName(String name, TaskType type, TaskType next) {
        String suffix = "-" + type.shortName().toLowerCase(Locale.ROOT);
        String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
        return base + "-" + next.shortName().toLowerCase(Locale.ROOT);
    }

    /** The sector's next task, or null at the end of the pipeline. */
    public static SectorTask nextTask(SectorTask done) {
        SectorTaskSpec s = done.getSpec();
        TaskType next = next(s.type);
        if (next == null || s.type == s.pipelineEnd) {
            return null;
        }
        SectorTaskSpec spec = new SectorTaskSpec();
        spec.miner = s.miner;
        spec.sector = s.sector;
        spec.sectorSize = s.sectorSize;
        spec.type = next;
        spec.deals = s.deals;
        spec.ticket = s.ticket;
        spec.seed = s.seed;
        spec.gpu = s.gpu;
        spec.retry = s.retry;
        spec.pipeline = true;
        spec.pipelineEnd = s.pipelineEnd;
        TaskOutputs out = done.getStatus() == null ? null : done.getStatus().outputs;
        if (UPDATE_STEPS.contains(next)) {
            spec.commROld = firstSet(s.commROld, out == null ? null : out.commROld);
            spec.commRNew = firstSet(s.commRNew, out == null ? null : out.commRNew);
            spec.commDNew = firstSet(s.commDNew, out == null ? null : out.commDNew);
        }
        SectorTask t = new SectorTask();
        t.getMetadata().setName(nextName(done.getMetadata().getName(), s.type, next));
        t.getMetadata().setNamespace(done.getMetadata().getNamespace());
        OwnerReference root = root(done);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PIPELINE_LABEL, root.getName());
        t.getMetadata().setLabels(labels);
        t.getMetadata().setOwnerReferences(List.of(root));
        t.setSpec(spec);
        return t;
    }

    private static String firstSet(String a, String b) {
        return a != null ? a : b;
    }

    /** The first task of the pipeline: the task's SectorTask owner, or the task itself. */
    static OwnerReference root(SectorTask t) {
        if (t.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference o : t.getMetadata().getOwnerReferences()) {
                if ("SectorTask".equals(o.getKind())) {
                    return new OwnerReferenceBuilder(o).build();
                }
            }
        }
        return new OwnerReferenceBuilder().withApiVersion(t.getApiVersion()).withKind(t.getKind())
                .withName(t.getMetadata().getName()).withUid(t.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }
}
