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

    /**
     * Where sectors on a path may be copied to: its own allowTo, else the union of its groups'
     * allowTo (sorted), else null for anywhere.
     *
     * @param groupAllowTo a group's allowTo, or null when the group sets none (or does not exist)
     */
    public static List<String> effectiveAllowTo(List<String> own, List<String> groups,
                                                java.util.function.Function<String, List<String>> groupAllowTo) {
        if (own != null) {
            return own;
        }
        java.util.Set<String> union = new java.util.TreeSet<>();
        boolean any = false;
        for (String g : groups == null ? List.<String>of() : groups) {
            List<String> allow = groupAllowTo.apply(g);
            if (allow != null) {
                any = true;
                union.addAll(allow);
            }
        }
        return any ? List.copyOf(union) : null;
    }
}
