package dev.mlship.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The likely intended name behind a misspelt one: keys, values and column names alike. */
public final class Typos {
    private Typos() {}

    /**
     * The candidate closest to {@code given} (ignoring case, an adjacent swap counting as one edit), when it
     * is close enough to be a typo of it: at most a third of the name's letters apart, between 1 and 3 edits.
     */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = given.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerated = Math.max(1, Math.min(3, given.length() / 3));
        return best != null && bestDistance <= tolerated ? Optional.of(best) : Optional.empty();
    }

    /** Edit distance counting an adjacent swap as one edit, the commonest typo. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
