package dev.mlship.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Seeded random search: each trial takes every searched param from its list (uniformly) or from its
 * range {min, max, log} (uniformly, or uniformly in the logarithm), integers rounded. Params are drawn in
 * name order from one generator, so the same seed gives the same candidates; repeats are dropped.
 */
public final class RandomSearch {
    private RandomSearch() {}

    /**
     * @param space param name to a list of values or a range map with min, max and optionally log
     * @param isInteger which params take integers (their range draws are rounded)
     */
    public static List<Map<String, Object>> draw(Map<String, Object> fixed, Map<String, ?> space, int trials, long seed,
            Predicate<String> isInteger) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<Map<String, Object>> out = new LinkedHashSet<>();
        for (int t = 0; t < trials; t++) {
            Map<String, Object> candidate = new LinkedHashMap<>(fixed);
            for (Map.Entry<String, ?> axis : new TreeMap<>(space).entrySet()) {
                candidate.put(axis.getKey(), switch (axis.getValue()) {
                    case List<?> values -> values.get(random.nextInt(values.size()));
                    case Map<?, ?> range -> fromRange(range, random, isInteger.test(axis.getKey()));
                    default -> throw new IllegalArgumentException("search space value of " + axis.getKey());
                });
            }
            out.add(candidate);
        }
        return new ArrayList<>(out);
    }

    private static Object fromRange(Map<?, ?> range, SplittableRandom random, boolean integer) {
        double lo = ((Number) range.get("min")).doubleValue();
        double hi = ((Number) range.get("max")).doubleValue();
        double u = random.nextDouble();
        double v = Boolean.TRUE.equals(range.get("log"))
                ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)))
                : lo + u * (hi - lo);
        if (integer) {
            return (int) Math.max(Math.ceil(lo), Math.min(Math.floor(hi), Math.round(v)));
        }
        return Math.max(lo, Math.min(hi, v));
    }
}
