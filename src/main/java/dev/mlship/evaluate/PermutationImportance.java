package dev.mlship.evaluate;

import dev.mlship.config.MetricName;
import dev.mlship.data.Column;
import dev.mlship.data.Rows;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Permutation importance of each raw feature: how much the primary metric worsens when that column's
 * values are shuffled across the rows (the link between the feature and the label broken, its
 * distribution kept), averaged over seeded repeats on a seeded sample of the test rows (at most 10,000;
 * fewer on wide tables, see {@link #sampleSize}). Model-agnostic,
 * so the candidate and the ONNX baseline are measured the same way.
 */
public final class PermutationImportance {
    public static final int MAX_ROWS = 10_000;
    /**
     * Cells (rows × features) scored over all features and repeats grow with the square of the feature count;
     * past this budget the sample shrinks (not below {@link #MIN_ROWS}) so a wide table stays seconds, not hours.
     */
    static final long CELL_BUDGET = 25_000_000L;
    static final int MIN_ROWS = 200;
    public static final int REPEATS = 5;
    /** A batch scored in one call: at most this many rows, and this many cells over all columns. */
    static final int BATCH_ROWS = 100_000;
    static final int BATCH_CELLS = 4_000_000;

    private PermutationImportance() {}

    /**
     * @param model scores a table of raw columns
     * @return each feature's mean worsening of {@code metric} (positive: the model relies on it), in
     *     feature order; NaN when the metric is undefined on the sample
     */
    public static Map<String, Double> of(Function<Table, Predictions> model, Table test, Target truth, List<String> features,
            MetricName metric, long seed) {
        int[] sample = sample(test.rows(), sampleSize(features.size()), seed);
        Table rows = test.select(sample);
        Target target = truth.select(sample);
        int n = rows.rows();
        double base = score(metric, target, model.apply(rows));
        // Every (feature, repeat) is a block of n rows; blocks are scored together, as many as fit a batch, because
        // a call costs more than its rows on some models (ONNX Runtime makes a tensor per column per call).
        int perCall = Math.max(1, Math.min(BATCH_ROWS, BATCH_CELLS / Math.max(1, rows.columns().size())) / Math.max(1, n));
        List<int[]> permutations = new ArrayList<>();
        List<Integer> permutedFeature = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + f);
            for (int r = 0; r < REPEATS; r++) {
                permutations.add(permutation(n, random));
                permutedFeature.add(f);
            }
        }
        double[] sums = new double[features.size()];
        for (int from = 0; from < permutations.size(); from += perCall) {
            int to = Math.min(permutations.size(), from + perCall);
            Predictions scored = model.apply(blocks(rows, features, permutations, permutedFeature, from, to));
            for (int b = from; b < to; b++) {
                int[] block = java.util.stream.IntStream.range((b - from) * n, (b - from + 1) * n).toArray();
                double permuted = score(metric, target, scored.select(block));
                sums[permutedFeature.get(b)] += metric.higherIsBetter() ? base - permuted : permuted - base;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            out.put(features.get(f), sums[f] / REPEATS);
        }
        return out;
    }

    /** Blocks from..to-1 one after another: each a copy of the rows with its feature's column permuted. */
    private static Table blocks(Table rows, List<String> features, List<int[]> permutations, List<Integer> permutedFeature,
            int from, int to) {
        int n = rows.rows();
        int[] identity = java.util.stream.IntStream.range(0, n).toArray();
        List<Column> columns = new ArrayList<>(rows.columns().size());
        for (Column c : rows.columns()) {
            int[] index = new int[(to - from) * n];
            for (int b = from; b < to; b++) {
                boolean permuted = features.get(permutedFeature.get(b)).equals(c.name());
                System.arraycopy(permuted ? permutations.get(b) : identity, 0, index, (b - from) * n, n);
            }
            columns.add(c.select(index));
        }
        return new Table(columns, (to - from) * n);
    }

    private static double score(MetricName metric, Target target, Predictions predictions) {
        return Metrics.compute(List.of(metric), target, predictions).get(metric);
    }

    /** The most test rows importance is measured on, for this many features. */
    public static int sampleSize(int features) {
        long perRow = (long) REPEATS * Math.max(1, features) * Math.max(1, features);
        return (int) Math.max(MIN_ROWS, Math.min(MAX_ROWS, CELL_BUDGET / perRow));
    }

    /** All rows, or a seeded sample of {@code size} of them in ascending order. */
    static int[] sample(int rows, int size, long seed) {
        return Rows.sample(rows, size, seed);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        return Rows.permutation(n, random);
    }
}
