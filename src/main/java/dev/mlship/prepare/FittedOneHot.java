package dev.mlship.prepare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-hot columns of one categorical feature. A value not seen in training sets every column to 0,
 * or sets the "other" column when rare categories were folded into one.
 */
public record FittedOneHot(String column, List<String> categories, boolean hasOther) {
    /** The output name of the shared column for folded and unseen categories. */
    public static final String OTHER = "<other>";

    public FittedOneHot {
        categories = List.copyOf(categories);
    }

    public int width() {
        return categories.size() + (hasOther ? 1 : 0);
    }

    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (String c : categories) {
            names.add(column + "=" + c);
        }
        if (hasOther) {
            names.add(column + "=" + OTHER);
        }
        return names;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>(categories.size() * 2);
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        return index;
    }

    /** Output slot for each level of a column's dictionary, so rows are encoded without string lookups. */
    int[] slots(List<String> levels) {
        Map<String, Integer> index = index();
        int[] out = new int[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            int s = index.getOrDefault(levels.get(i), -1);
            out[i] = s >= 0 ? s : hasOther ? categories.size() : -1;
        }
        return out;
    }
}
