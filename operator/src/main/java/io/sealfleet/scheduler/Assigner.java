package io.sealfleet.scheduler;

import java.util.Comparator;
import java.util.Locale;

/**
 * How a pass picks among workers that can take a task. {@code utilization} (the default) ranks by
 * utilization including this pass's earlier assignments, so tasks do not pile onto the first
 * worker as they do in Lotus; {@code spread} picks the worker given the fewest tasks in this pass.
 */
public enum Assigner {
    UTILIZATION,
    SPREAD;

    public static Assigner parse(String name) {
        for (Assigner a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown assigner '" + name + "': use utilization or spread");
    }

    Comparator<WorkerLoad> order() {
        return switch (this) {
            case UTILIZATION -> Comparator.<WorkerLoad>comparingDouble(w -> w.utilization)
                    .thenComparingInt(w -> w.tieRank);
            case SPREAD -> Comparator.<WorkerLoad>comparingInt(w -> w.assignedThisPass)
                    .thenComparingInt(w -> w.initialRank)
                    .thenComparingInt(w -> w.tieRank);
        };
    }
}
