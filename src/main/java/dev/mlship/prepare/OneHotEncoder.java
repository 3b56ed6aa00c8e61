package dev.mlship.prepare;

import dev.mlship.data.CategoricalColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fits the categories of one categorical feature, after imputation, on the training rows. */
public final class OneHotEncoder {
    private OneHotEncoder() {}

    /**
     * @param maxCategories null keeps every category; otherwise the most frequent
     *     {@code maxCategories - 1} are kept and the rest share one "other" column.
     */
    public static FittedOneHot fit(CategoricalColumn train, String fill, Integer maxCategories) {
        Map<String, Integer> counts = new HashMap<>();
        int[] levelCounts = Categories.counts(train);
        for (int level = 0; level < levelCounts.length; level++) {
            if (levelCounts[level] > 0) {
                counts.merge(train.levels().get(level), levelCounts[level], Integer::sum);
            }
        }
        int missing = train.missingCount();
        if (missing > 0) {
            counts.merge(fill, missing, Integer::sum);
        }
        List<String> kept = new ArrayList<>(counts.keySet());
        boolean other = maxCategories != null && kept.size() > maxCategories;
        if (other) {
            kept.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
            kept = new ArrayList<>(kept.subList(0, maxCategories - 1));
        }
        // Sorted so the column order does not depend on the order rows appear in the file.
        kept.sort(Comparator.naturalOrder());
        return new FittedOneHot(train.name(), kept, other);
    }
}
