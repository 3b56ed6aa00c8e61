package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * How closely two code paths' floating-point outputs must agree in tests. ONNX Runtime picks kernels by
 * CPU, thread count and batch size, so the same graph scoring the same rows alone or in a batch may
 * differ in the last bits: outputs are compared relative to their size, and labels may differ only
 * where two classes score equal within the bound (a tie). Bit equality is asserted only where the same
 * path runs twice.
 */
public final class Agreement {
    /**
     * The same graph in another batch size or thread count: sums regrouped, a few ulps apart (1e-16
     * relative each). 1e-12 leaves room for long sums and still catches a wrong row or a wrong input.
     */
    public static final double SAME_GRAPH = 1e-12;

    private Agreement() {}

    /** |actual − expected| ≤ bound · max(1, |expected|) for every element. */
    public static void assertClose(double[] actual, double[] expected, double bound, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double allowed = bound * Math.max(1, Math.abs(expected[i]));
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("%s[%d]: %.17g, expected %.17g within %.0e relative", what, i, actual[i], expected[i], bound)
                    .isLessThanOrEqualTo(allowed);
        }
    }

    public static void assertClose(double actual, double expected, double bound, String what) {
        assertClose(new double[] {actual}, new double[] {expected}, bound, what);
    }

    /** Labels equal, except where the expected scores of both labels are within {@code bound} (a tie). */
    public static void assertLabels(String[] actual, Scores expected, List<String> classes, double bound, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected.labels());
        for (int i = 0; i < actual.length; i++) {
            if (actual[i].equals(expected.labels()[i])) {
                continue;
            }
            double[] p = expected.probabilities()[i];
            int a = classes.indexOf(actual[i]);
            int e = classes.indexOf(expected.labels()[i]);
            assertThat(a >= 0 && Math.abs(p[a] - p[e]) <= bound)
                    .as("%s[%d]: label %s, expected %s (not a tie)", what, i, actual[i], expected.labels()[i]).isTrue();
        }
    }

    /** The scores of a classifier flattened row after row, as V2 sends an [N, classes] tensor. */
    public static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
