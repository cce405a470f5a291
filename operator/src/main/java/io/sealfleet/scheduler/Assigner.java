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
        Comparator<RankedWorkers.Slot> slots = slotOrder();
        return (a, b) -> slots.compare(RankedWorkers.Slot.of(a), RankedWorkers.Slot.of(b));
    }

    Comparator<RankedWorkers.Slot> slotOrder() {
        return switch (this) {
            case UTILIZATION -> (a, b) -> {
                int c = Double.compare(a.utilization(), b.utilization());
                return c != 0 ? c : Integer.compare(a.tieRank(), b.tieRank());
            };
            case SPREAD -> (a, b) -> {
                int c = Integer.compare(a.assigned(), b.assigned());
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(a.initialRank(), b.initialRank());
                return c != 0 ? c : Integer.compare(a.tieRank(), b.tieRank());
            };
        };
    }
}
