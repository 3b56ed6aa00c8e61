package dev.mlship.onnx;

import java.util.List;

/**
 * How closely ONNX Runtime reproduced the trained model on the test rows.
 *
 * @param labelAgreement share of rows whose labels are identical (1 for regression)
 * @param maxAbsDiff largest |Δ| of a probability or a regression output
 * @param maxRelDiff largest |Δ| / max(1, |trained value|), the figure {@link #TOLERANCE} bounds
 * @param rows test rows compared: all of them, or a seeded sample of a large split ({@link ParitySample})
 * @param ties test rows (0-based) whose labels differ only because two classes scored equal within
 *     the tolerance in the trained model, so either label is right
 * @param testRows rows in the test split
 */
public record Parity(int rows, double labelAgreement, double maxAbsDiff, double maxRelDiff, List<Integer> ties, int testRows) {
    /**
     * Largest allowed difference of a probability (absolute: they live in [0, 1]) or of a regression
     * output relative to max(1, |trained value|): sums of many trees are rounded differently by
     * different CPUs, thread counts and batch sizes, so a large target may not demand bit equality.
     */
    public static final double TOLERANCE = 1e-6;

    /** The rule above in words, as metrics.json and the report state it. */
    public static final String RULE = "|Δ| ≤ 1e-6 · max(1, |trained value|) for probabilities and predictions;"
            + " a label may differ only where the trained model scores both labels within 1e-6 (a tie)";

    public Parity {
        ties = List.copyOf(ties);
    }

    /** A check of every test row. */
    public Parity(int rows, double labelAgreement, double maxAbsDiff, double maxRelDiff, List<Integer> ties) {
        this(rows, labelAgreement, maxAbsDiff, maxRelDiff, ties, rows);
    }

    /** Whether the check compared a sample of the test rows rather than all of them. */
    public boolean sampled() {
        return rows < testRows;
    }

    /** How many rows' labels differ on a tie. */
    public int tieCount() {
        return ties.size();
    }

    /** One sentence for the reports: agreement, largest differences and ties. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "labels agree on %s %%%s, largest difference %.2g (relative %.2g; allowed %.0e)",
                ties.isEmpty() ? "100" : String.format(java.util.Locale.ROOT, "%.2f", 100 * labelAgreement),
                ties.isEmpty() ? "" : " (" + ties.size() + (ties.size() == 1 ? " tie" : " ties") + " broken the other way)",
                maxAbsDiff, maxRelDiff, TOLERANCE);
    }

    /** The difference a prediction may have from the trained value {@code trained}. */
    public static double allowed(double trained) {
        return TOLERANCE * Math.max(1, Math.abs(trained));
    }
}
