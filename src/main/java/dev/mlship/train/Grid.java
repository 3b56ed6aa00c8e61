package dev.mlship.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every combination of the values declared in a search space, over the fixed params. */
public final class Grid {
    private Grid() {}

    /** Keys vary in name order (the last one fastest), so candidates are numbered the same on every run. */
    public static List<Map<String, Object>> expand(Map<String, Object> fixed, Map<String, ?> space) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>(fixed));
        for (Map.Entry<String, ?> axis : new TreeMap<>(space).entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object value : (List<?>) axis.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
