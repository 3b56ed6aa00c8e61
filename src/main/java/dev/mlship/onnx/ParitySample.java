package dev.mlship.onnx;

import dev.mlship.data.Rows;

/**
 * Which test rows the parity check scores with ONNX Runtime: every row of a split up to {@link #MAX_ROWS},
 * a seeded sample of that many rows of a larger one. A fault in an exported graph (a threshold, a category's
 * code, a missing-value branch) shows on every row that takes that path, so past some thousands of rows more
 * rows cost scoring time without finding more: a path that 1 row in 2,000 takes is in the sample with
 * probability 1 - (1 - 1/2000)^10000 ≈ 99.3 %.
 */
public final class ParitySample {
    /** The most test rows the check scores. */
    public static final int MAX_ROWS = 10_000;

    private ParitySample() {}

    /** Ascending test-row indexes to score: all {@code testRows} of them, or {@link #MAX_ROWS} drawn with {@code seed}. */
    public static int[] rows(int testRows, long seed) {
        return Rows.sample(testRows, MAX_ROWS, seed);
    }
}
