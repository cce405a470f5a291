package io.sealfleet.lotus;

import java.util.regex.Pattern;

/**
 * The cache files stock Lotus extracts from a {@code /remote/cache/…} tar, each with its size limit;
 * any other entry makes its fetch fail, so the bridge leaves the rest (e.g. sealfleet's Commit1
 * output) out of the archive.
 */
final class CacheWhitelist {
    private static final Pattern TREE_R_LAST = Pattern.compile("^sc-02-data-tree-r-last(-([0-9]|1[0-5]))?\\.dat$");
    private static final Pattern LAYER = Pattern.compile("^sc-02-data-layer-([1-9]|1[01])\\.dat$");
    private static final Pattern TREE_C = Pattern.compile("^sc-02-data-tree-c-([0-9]|1[0-5])\\.dat$");

    private CacheWhitelist() {
    }

    /** Whether Lotus accepts an entry of this name and size. */
    static boolean allows(String name, long size) {
        if (name.equals("p_aux")) {
            return size <= 64;
        }
        if (name.equals("t_aux")) {
            return size <= 10240;
        }
        if (TREE_R_LAST.matcher(name).matches()) {
            return size <= 10_000_000L;
        }
        if (LAYER.matcher(name).matches()) {
            return size <= (65L << 30);
        }
        if (TREE_C.matcher(name).matches()) {
            return size <= (5L << 30);
        }
        if (name.equals("sc-02-data-tree-d.dat")) {
            return size <= (130L << 30);
        }
        return false;
    }
}
