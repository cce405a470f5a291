package io.sealfleet.scheduler;

import java.util.List;

/**
 * A storage path (sectorstore.json). Paths with the same ID on several workers are one shared
 * volume, and their space is counted once.
 *
 * @param availableBytes free bytes not counting reservations of tasks already placed; Long.MAX_VALUE when unknown
 * @param allowTo        the path's own allowTo, or null when it does not set one (its groups' then apply)
 */
public record StoragePath(String id, boolean canSeal, boolean canStore, int weight, long availableBytes,
                          List<String> groups, List<String> allowTo) {
    public StoragePath {
        groups = groups == null ? List.of() : List.copyOf(groups);
        allowTo = allowTo == null ? null : List.copyOf(allowTo);
    }

    public static StoragePath sealing(String id, long available) {
        return new StoragePath(id, true, false, 10, available, List.of(), null);
    }

    public StoragePath withGroups(List<String> g, List<String> allow) {
        return new StoragePath(id, canSeal, canStore, weight, availableBytes, g, allow);
    }
}
