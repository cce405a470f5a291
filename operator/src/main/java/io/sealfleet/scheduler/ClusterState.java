package io.sealfleet.scheduler;

import java.util.List;
import java.util.Map;

/**
 * Everything one scheduling pass looks at.
 *
 * @param queue        tasks not yet on a worker, in any order
 * @param placed       tasks assigned to, preparing on or running on a worker
 * @param locations    where sector files are
 * @param groupAllowTo StorageGroup name → its allowTo (absent or null: anywhere)
 */
public record ClusterState(List<WorkerNode> workers, List<TaskRequest> queue, List<PlacedTask> placed,
                           List<SectorLocation> locations, Map<String, List<String>> groupAllowTo) {
    public ClusterState {
        workers = List.copyOf(workers);
        queue = List.copyOf(queue);
        placed = List.copyOf(placed);
        locations = List.copyOf(locations);
        groupAllowTo = Map.copyOf(groupAllowTo);
    }

    public static ClusterState of(List<WorkerNode> workers, List<TaskRequest> queue) {
        return new ClusterState(workers, queue, List.of(), List.of(), Map.of());
    }
}
