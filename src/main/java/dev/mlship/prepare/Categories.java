package dev.mlship.prepare;

import dev.mlship.data.CategoricalColumn;

final class Categories {
    private Categories() {}

    /** Occurrences of each level of a column (missing values not counted). */
    static int[] counts(CategoricalColumn c) {
        int[] counts = new int[c.levels().size()];
        for (int code : c.codes()) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        return counts;
    }
}
