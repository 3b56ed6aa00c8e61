package dev.mlship.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * statistics.json: what the training split looked like, per raw feature, so a later run can tell whether
 * its data moved. Numeric features keep a histogram on fixed edges (the deciles), which is what the next
 * run bins its own data on; categorical ones keep the counts of their most frequent values. The same rows
 * give the same bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingStatistics(int version, int rows, Map<String, Feature> features) {
    public static final int VERSION = 1;
    /** Categories kept by name; the rest are counted together as "other", which bounds the file's size. */
    public static final int TOP_CATEGORIES = 50;
    static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    /** Inner histogram edges: the deciles of the present values (equal edges merged). */
    static final int BINS = 10;

    public TrainingStatistics {
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /**
     * One feature. Numeric: {@code count} present values, {@code edges} the inner bin edges and
     * {@code counts} the present values per bin (bin i holds edges[i-1] < x ≤ edges[i]). Categorical:
     * {@code categories} the counts of the most frequent values and {@code other} the rest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(
            String type,
            long count,
            long missing,
            Double min,
            Double max,
            Double mean,
            Double std,
            Map<String, Double> quantiles,
            double[] edges,
            long[] counts,
            Map<String, Long> categories,
            Long other,
            Integer distinct) {

        public boolean numeric() {
            return "numeric".equals(type);
        }
    }

    public static TrainingStatistics of(Table table, List<String> features) {
        // One feature per task on the common pool (each numeric one is sorted for its quantiles), kept in order.
        List<Feature> computed = features.parallelStream().map(name -> switch (table.column(name)) {
            case NumericColumn n -> numeric(n.values());
            case CategoricalColumn k -> categorical(k);
        }).toList();
        Map<String, Feature> out = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            out.put(features.get(i), computed.get(i));
        }
        return new TrainingStatistics(VERSION, table.rows(), out);
    }

    static Feature numeric(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        long missing = values.length - present.length;
        if (present.length == 0) {
            return new Feature("numeric", 0, missing, null, null, null, null, null, new double[0], new long[] {0}, null, null,
                    null);
        }
        double sum = 0;
        for (double v : present) {
            sum += v;
        }
        double mean = sum / present.length;
        double squares = 0;
        for (double v : present) {
            squares += (v - mean) * (v - mean);
        }
        double std = present.length > 1 ? Math.sqrt(squares / (present.length - 1)) : 0.0;
        Map<String, Double> quantiles = new TreeMap<>();
        for (double q : QUANTILES) {
            quantiles.put(String.format(java.util.Locale.ROOT, "p%02d", Math.round(q * 100)), quantile(present, q));
        }
        double[] edges = java.util.stream.IntStream.range(1, BINS).mapToDouble(i -> quantile(present, i / (double) BINS))
                .filter(Double::isFinite).distinct().toArray();
        return new Feature("numeric", present.length, missing, present[0], present[present.length - 1], mean, std, quantiles,
                edges, histogram(present, edges), null, null, null);
    }

    static Feature categorical(CategoricalColumn c) {
        long[] counts = new long[c.levels().size()];
        long missing = 0;
        for (int code : c.codes()) {
            if (code == CategoricalColumn.MISSING) {
                missing++;
            } else {
                counts[code]++;
            }
        }
        // Most frequent first, ties by name: the kept set does not depend on the order rows came in.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(i -> c.levels().get(i)));
        Map<String, Long> top = new TreeMap<>();
        long other = 0;
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            if (k < TOP_CATEGORIES) {
                top.put(c.levels().get(i), counts[i]);
            } else {
                other += counts[i];
            }
        }
        return new Feature("categorical", c.size() - missing, missing, null, null, null, null, null, null, null, top, other,
                order.size());
    }

    /** Present values per bin of the inner edges: bin i holds edges[i-1] < x ≤ edges[i]; NaN is not counted. */
    public static long[] histogram(double[] values, double[] edges) {
        long[] counts = new long[edges.length + 1];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                counts[bin(v, edges)]++;
            }
        }
        return counts;
    }

    static int bin(double v, double[] edges) {
        int i = Arrays.binarySearch(edges, v);
        // An exact hit on an edge belongs to the bin that edge closes (x ≤ edge).
        return i >= 0 ? firstEqual(edges, i) : -i - 1;
    }

    private static int firstEqual(double[] edges, int i) {
        while (i > 0 && edges[i - 1] == edges[i]) {
            i--;
        }
        return i;
    }

    /** Linear interpolation between order statistics (numpy's default), as the bootstrap intervals use. */
    static double quantile(double[] sorted, double q) {
        return Bootstrap.percentile(sorted, q);
    }
}
