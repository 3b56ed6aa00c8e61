package dev.mlship.evaluate;

import dev.mlship.data.CategoricalColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The documented order of class labels: sorted, except that for two classes the positive one comes
 * second (code 1), which is what binary precision, recall and F1 score.
 */
public final class ClassOrder {
    /** Second class names that mean "yes" on their own; otherwise the later name in sort order is positive. */
    private static final Set<String> POSITIVE_WORDS = Set.of("1", "true", "yes", "y", "t", "positive", "pos");

    private ClassOrder() {}

    /** Class names present in the column (missing values ignored), in order. */
    public static List<String> of(CategoricalColumn label, String positiveClass) {
        int[] counts = new int[label.levels().size()];
        for (int code : label.codes()) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                names.add(label.levels().get(i));
            }
        }
        names.sort(null);
        if (names.size() == 2) {
            String positive = positiveClass != null ? positiveClass : defaultPositive(names);
            if (names.get(0).equals(positive)) {
                names = List.of(names.get(1), names.get(0));
            }
        }
        return List.copyOf(names);
    }

    private static String defaultPositive(List<String> names) {
        String first = names.get(0).toLowerCase(Locale.ROOT);
        return POSITIVE_WORDS.contains(first) && !POSITIVE_WORDS.contains(names.get(1).toLowerCase(Locale.ROOT))
                ? names.get(0)
                : names.get(1);
    }

    /** The label column as codes into {@code classes}; the column must have no missing values. */
    public static Target.Classes target(CategoricalColumn label, List<String> classes) {
        int[] remap = new int[label.levels().size()];
        for (int i = 0; i < remap.length; i++) {
            remap[i] = classes.indexOf(label.levels().get(i));
        }
        int[] codes = new int[label.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = remap[label.codes()[i]];
        }
        return new Target.Classes(codes, classes);
    }
}
