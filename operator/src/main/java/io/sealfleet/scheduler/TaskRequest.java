package io.sealfleet.scheduler;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;

/**
 * A task as the scheduler sees it.
 *
 * @param id        namespace/name
 * @param priority  effective queue priority: the task's own, or the task table's for its type
 * @param gpu       GPU requirement, or null
 * @param blockedBy why the task cannot run whatever the workers (a missing input), or null
 */
public record TaskRequest(String id, TaskType type, SectorSize size, SectorRef sector, int deals, int priority,
                          GpuNeed gpu, String blockedBy) {

    public static TaskRequest of(String id, TaskType type, SectorSize size, String miner, long sector) {
        return new TaskRequest(id, type, size, new SectorRef(miner, sector), 0, type.defaultPriority(), null, null);
    }

    public TaskRequest withDeals(int n) {
        return new TaskRequest(id, type, size, sector, n, priority, gpu, blockedBy);
    }

    public TaskRequest withPriority(int p) {
        return new TaskRequest(id, type, size, sector, deals, p, gpu, blockedBy);
    }

    public TaskRequest withGpu(GpuNeed g) {
        return new TaskRequest(id, type, size, sector, deals, priority, g, blockedBy);
    }

    public TaskRequest blockedBy(String reason) {
        return new TaskRequest(id, type, size, sector, deals, priority, gpu, reason);
    }

    /** "PC1 32GiB", the prefix of waiting reasons. */
    String label() {
        return type.shortName() + " " + size.label();
    }
}
