package dev.mlship.evaluate;

import dev.mlship.config.MetricName;
import dev.mlship.data.Column;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Permutation importance of each raw feature: how much the primary metric worsens when that column's
 * values are shuffled across the rows (the link between the feature and the label broken, its
 * distribution kept), averaged over seeded repeats on a seeded sample of the test rows. Model-agnostic,
 * so the candidate and the ONNX baseline are measured the same way.
 */
public final class PermutationImportance {
    public static final int MAX_ROWS = 10_000;
    public static final int REPEATS = 5;

    private PermutationImportance() {}

    /**
     * @param model scores a table of raw columns
     * @return each feature's mean worsening of {@code metric} (positive: the model relies on it), in
     *     feature order; NaN when the metric is undefined on the sample
     */
    public static Map<String, Double> of(Function<Table, Predictions> model, Table test, Target truth, List<String> features,
            MetricName metric, long seed) {
        int[] sample = sample(test.rows(), seed);
        Table rows = test.select(sample);
        Target target = truth.select(sample);
        double base = score(metric, target, model.apply(rows));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            String name = features.get(f);
            SplittableRandom random = new SplittableRandom(seed * 31 + f);
            double sum = 0;
            for (int r = 0; r < REPEATS; r++) {
                Table shuffled = replace(rows, rows.column(name).select(permutation(rows.rows(), random)));
                double permuted = score(metric, target, model.apply(shuffled));
                sum += metric.higherIsBetter() ? base - permuted : permuted - base;
            }
            out.put(name, sum / REPEATS);
        }
        return out;
    }

    private static double score(MetricName metric, Target target, Predictions predictions) {
        return Metrics.compute(List.of(metric), target, predictions).get(metric);
    }

    /** All rows, or a seeded sample of {@link #MAX_ROWS} of them in ascending order. */
    static int[] sample(int rows, long seed) {
        if (rows <= MAX_ROWS) {
            return java.util.stream.IntStream.range(0, rows).toArray();
        }
        int[] all = permutation(rows, new SplittableRandom(seed));
        int[] out = Arrays.copyOf(all, MAX_ROWS);
        Arrays.sort(out);
        return out;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Table replace(Table table, Column column) {
        List<Column> columns = new ArrayList<>(table.columns());
        columns.replaceAll(c -> c.name().equals(column.name()) ? column : c);
        return new Table(columns, table.rows());
    }
}
