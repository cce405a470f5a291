package io.sealfleet.scheduler;

import java.util.Comparator;

/**
 * The order of the queue: the high-priority (negative) tier first; then sectors with deals, more
 * deals first; then the task priority (lower first); then Lotus's type order where priorities tie;
 * then lower sector number; then miner and task ID so that the order is total and repeatable.
 */
public final class QueueOrder implements Comparator<TaskRequest> {
    public static final QueueOrder INSTANCE = new QueueOrder();

    private QueueOrder() {
    }

    @Override
    public int compare(TaskRequest a, TaskRequest b) {
        int c = Boolean.compare(a.priority() >= 0, b.priority() >= 0);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(b.deals(), a.deals());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.priority(), b.priority());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.type().lotusOrder(), b.type().lotusOrder());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.sector().number(), b.sector().number());
        if (c != 0) {
            return c;
        }
        c = a.sector().miner().compareTo(b.sector().miner());
        return c != 0 ? c : a.id().compareTo(b.id());
    }
}
