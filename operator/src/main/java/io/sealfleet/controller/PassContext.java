package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.metrics.OperatorMetrics;
import io.sealfleet.table.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one pass reads for every namespace, and the tallies it hands to the metrics. */
final class PassContext {
    final Instant now;
    final Map<String, Pod> pods;
    final Map<String, Lease> leases;
    final Map<String, Node> nodes;
    /** What worker pods are made with (see {@link OperatorConfig}). */
    final String workerImage;
    final String workerServiceAccount;
    final Map<TaskType, Map<TaskPhase, Integer>> taskCounts = new EnumMap<>(TaskType.class);
    final Map<WorkerPhase, Integer> workerCounts = new EnumMap<>(WorkerPhase.class);
    final List<OperatorMetrics.WorkerSample> samples = new ArrayList<>();

    PassContext(Instant now, Map<String, Pod> pods, Map<String, Lease> leases, Map<String, Node> nodes, String workerImage,
                String workerServiceAccount) {
        this.now = now;
        this.workerImage = workerImage;
        this.workerServiceAccount = workerServiceAccount;
        this.pods = pods;
        this.leases = leases;
        this.nodes = nodes;
    }

    void countTask(TaskType type, TaskPhase phase) {
        taskCounts.computeIfAbsent(type, k -> new EnumMap<>(TaskPhase.class)).merge(phase, 1, Integer::sum);
    }

    void countWorker(WorkerPhase phase) {
        workerCounts.merge(phase, 1, Integer::sum);
    }
}
