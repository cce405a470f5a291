package io.sealfleet.cli;

import io.sealfleet.api.SectorTask;
import io.sealfleet.scheduler.Assignment;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.Waiting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code plan} prints for people: one row per task in the order the manifests list them,
 * with the worker it goes to or why it waits, and a count at the end.
 */
final class PlanTable {
    private static final String TASK = "TASK";
    private static final String WORKER = "WORKER";
    private static final String WHY = "WHY IT WAITS";

    private PlanTable() {
    }

    private record Row(String task, String worker, String why) {
    }

    static String render(SchedulingPlan plan, List<Manifest> manifests) {
        Map<String, Integer> order = new HashMap<>();
        for (Manifest m : manifests) {
            if (m.object() instanceof SectorTask t) {
                order.putIfAbsent(t.getMetadata().getNamespace() + "/" + t.getMetadata().getName(), order.size());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Assignment a : plan.assignments()) {
            rows.add(new Row(a.task(), a.worker(), ""));
        }
        for (Waiting w : plan.waiting()) {
            rows.add(new Row(w.task(), "-", w.reason()));
        }
        rows.sort((a, b) -> Integer.compare(order.getOrDefault(a.task(), Integer.MAX_VALUE),
                order.getOrDefault(b.task(), Integer.MAX_VALUE)));
        int taskWidth = TASK.length();
        int workerWidth = WORKER.length();
        for (Row r : rows) {
            taskWidth = Math.max(taskWidth, r.task().length());
            workerWidth = Math.max(workerWidth, r.worker().length());
        }
        StringBuilder out = new StringBuilder();
        line(out, taskWidth, workerWidth, TASK, WORKER, WHY);
        for (Row r : rows) {
            line(out, taskWidth, workerWidth, r.task(), r.worker(), r.why());
        }
        int placed = plan.assignments().size();
        out.append(placed).append(placed == 1 ? " task goes to a worker, " : " tasks go to workers, ")
                .append(plan.waiting().size()).append(plan.waiting().size() == 1 ? " waits.\n" : " wait.\n");
        return out.toString();
    }

    private static void line(StringBuilder out, int taskWidth, int workerWidth, String task, String worker, String why) {
        String row = pad(task, taskWidth) + "  " + pad(worker, workerWidth) + "  " + why;
        out.append(row.stripTrailing()).append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
