package io.sealfleet.cli;

import io.sealfleet.api.AgentReport;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.WorkerCapacity;
import io.sealfleet.api.WorkerPhase;
import io.sealfleet.kube.ClusterStateBuilder;
import io.sealfleet.controller.WorkerUsage;
import io.sealfleet.scheduler.Capacity;
import io.sealfleet.scheduler.WorkerNode;
import io.sealfleet.table.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code lotus-miner sealing workers} view: per worker its host, the TASK counters, and CPU, RAM,
 * VMEM and GPU bars from what its running tasks hold (the active pool, with the scheduler's own
 * arithmetic). Unlike Lotus, the RAM figure printed is the one the percentage is computed from.
 */
public final class WorkersView {
    static final int BAR = 40;

    private WorkersView() {
    }

    /** One worker's figures, as printed. */
    public record Row(String name, String host, String flag, String tasks, int cpuUsed, int cpus, long ramUsed, long ram,
                      long vmemUsed, long vmem, double gpuUsed, int gpus, String gpuProduct, InUse inUse) {
    }

    /** Memory and swap the worker's container really uses, from its agent's cgroup reading; null until reported. */
    public record InUse(long memory, long swap, String cgroup) {
        static InUse of(SealingWorker w) {
            AgentReport r = w.getStatus() == null ? null : w.getStatus().agent;
            return r == null || r.memoryInUseBytes == null ? null
                    : new InUse(r.memoryInUseBytes, r.swapInUseBytes == null ? 0 : r.swapInUseBytes, r.cgroup);
        }
    }

    /** The rows of the workers, with the tasks of their namespace, in name order. */
    public static List<Row> rows(List<SealingWorker> workers, List<SectorTask> tasks) {
        List<Row> rows = new ArrayList<>();
        List<SealingWorker> sorted = new ArrayList<>(workers);
        sorted.sort(Comparator.comparing((SealingWorker w) -> w.getMetadata().getNamespace())
                .thenComparing(w -> w.getMetadata().getName()));
        for (SealingWorker w : sorted) {
            WorkerCapacity c = w.getStatus() == null ? null : w.getStatus().capacity;
            if (c == null || c.cpu == null || c.memory == null) {
                rows.add(new Row(w.getMetadata().getName(), host(w), flag(w), "", 0, 0, 0, 0, 0, 0, 0, 0, null, InUse.of(w)));
                continue;
            }
            WorkerNode node;
            try {
                node = new ClusterStateBuilder(Instant.EPOCH).worker(w).build().workers().get(0);
            } catch (IllegalArgumentException e) {
                rows.add(new Row(w.getMetadata().getName(), host(w), "(invalid: " + e.getMessage() + ")", "", 0, 0, 0, 0, 0,
                        0, 0, 0, null, InUse.of(w)));
                continue;
            }
            List<SectorTask> mine = tasks.stream().filter(t -> w.getMetadata().getNamespace().equals(t.getMetadata().getNamespace())
                    && t.getSpec() != null && t.getSpec().type != null && t.getStatus() != null
                    && w.getMetadata().getName().equals(t.getStatus().worker)
                    && t.getStatus().phase != null && t.getStatus().phase.isOnWorker()).toList();
            WorkerUsage u = new WorkerUsage(node, mine);
            Capacity cap = node.capacity();
            long ramTasks = u.active().memUsedMin();
            long ramUsed = ramTasks + Math.max(0, cap.memoryUsed() - ramTasks);
            long vmemTasks = u.active().memUsedMax();
            long vmemUsed = vmemTasks + Math.max(0, cap.memoryUsed() + cap.swapUsed() - vmemTasks);
            rows.add(new Row(w.getMetadata().getName(), host(w), flag(w), u.counters(), u.active().cpuUse(), cap.cpus(),
                    ramUsed, cap.memory(), vmemUsed, cap.memory() + cap.swap(), u.active().gpuUsed(), cap.gpus(),
                    cap.gpuProduct(), InUse.of(w)));
        }
        return rows;
    }

    private static String host(SealingWorker w) {
        return w.getStatus() == null || w.getStatus().node == null ? "(unscheduled)" : w.getStatus().node;
    }

    private static String flag(SealingWorker w) {
        WorkerPhase p = w.getStatus() == null ? null : w.getStatus().phase;
        if (p == WorkerPhase.Lost) {
            return "(lost)";
        }
        if (p == null || p == WorkerPhase.Pending) {
            return "(pending)";
        }
        if (p == WorkerPhase.Draining || p == WorkerPhase.Drained
                || (w.getSpec() != null && Boolean.TRUE.equals(w.getSpec().paused))) {
            return "(disabled)";
        }
        return "";
    }

    public static String render(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            out.append("Worker ").append(r.name()).append(", host ").append(r.host())
                    .append(r.flag().isEmpty() ? "" : " " + r.flag()).append('\n');
            out.append("\tTASK: ").append(r.tasks()).append('\n');
            out.append("\tCPU:  ").append(bar(r.cpuUsed(), r.cpus())).append(' ').append(r.cpuUsed()).append('/')
                    .append(r.cpus()).append(" core(s) in use\n");
            out.append("\tRAM:  ").append(bar(r.ramUsed(), r.ram())).append(' ').append(pct(r.ramUsed(), r.ram())).append("% ")
                    .append(Bytes.format(r.ramUsed())).append('/').append(Bytes.format(r.ram())).append('\n');
            out.append("\tVMEM: ").append(bar(r.vmemUsed(), r.vmem())).append(' ').append(pct(r.vmemUsed(), r.vmem())).append("% ")
                    .append(Bytes.format(r.vmemUsed())).append('/').append(Bytes.format(r.vmem())).append('\n');
            if (r.inUse() != null) {
                out.append("\tUSE:  RAM ").append(Bytes.format(r.inUse().memory())).append(", swap ")
                        .append(Bytes.format(r.inUse().swap())).append(" in use by the pod (cgroup ").append(r.inUse().cgroup())
                        .append(")\n");
            }
            if (r.gpus() > 0) {
                out.append("\tGPU:  ").append(bar(r.gpuUsed(), r.gpus())).append(' ').append(pct(r.gpuUsed(), r.gpus()))
                        .append("% ").append(String.format(Locale.ROOT, "%.2f", r.gpuUsed())).append('/').append(r.gpus())
                        .append(" gpu(s) in use\n");
                out.append("\tGPU: ").append(r.gpuProduct() == null ? "unknown" : r.gpuProduct())
                        .append(r.gpuUsed() > 0 ? ", used" : ", not used").append('\n');
            }
        }
        return out.toString();
    }

    static String bar(double used, double total) {
        int n = total <= 0 ? 0 : (int) Math.round(Math.min(1, used / total) * BAR);
        return "[" + "|".repeat(n) + " ".repeat(BAR - n) + "]";
    }

    private static long pct(double used, double total) {
        return total <= 0 ? 0 : Math.round(used * 100 / total);
    }
}
