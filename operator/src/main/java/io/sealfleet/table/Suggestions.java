package io.sealfleet.table;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known name closest to a misspelt one by edit distance (case ignored), when it is
 * close enough to be the likely intent.
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate, if its distance is at most a quarter of the longer name (and at least 2 are allowed). */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(given)) {
                continue;
            }
            int d = distance(g, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(2, Math.max(given.length(), best.length()) / 4)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** "; did you mean X?" or "" when nothing is close. */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> "; did you mean " + c + "?").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
