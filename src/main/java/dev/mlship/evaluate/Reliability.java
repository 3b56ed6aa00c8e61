package dev.mlship.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * A reliability table. Binary classifier: the test rows in 10 equal-width bins of the predicted
 * probability of the positive class, each with its mean prediction and the observed rate of positives.
 * Regression: 10 equal-count bins of the prediction, each with the mean prediction and the mean actual
 * value. A calibrated model's two columns agree.
 */
public record Reliability(List<Bin> bins) {
    public static final int BINS = 10;

    /** Rows with lower < p ≤ upper (the first bin also holds its lower end); means are null for an empty bin. */
    public record Bin(double lower, double upper, int count, Double meanPredicted, Double observed) {}

    public static Reliability of(Target.Classes truth, Predictions.Classes predictions) {
        int[] count = new int[BINS];
        double[] predicted = new double[BINS];
        int[] positives = new int[BINS];
        for (int i = 0; i < truth.size(); i++) {
            double p = predictions.probabilities()[i][1];
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(p * BINS) - 1));
            count[b]++;
            predicted[b] += p;
            positives[b] += truth.codes()[i] == 1 ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b],
                    count[b] == 0 ? null : predicted[b] / count[b], count[b] == 0 ? null : positives[b] / (double) count[b]));
        }
        return new Reliability(List.copyOf(bins));
    }

    public static Reliability of(double[] truth, double[] predicted) {
        Integer[] order = java.util.stream.IntStream.range(0, truth.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> predicted[i]));
        List<Bin> bins = new ArrayList<>();
        int n = truth.length;
        for (int b = 0; b < BINS; b++) {
            int from = (int) ((long) n * b / BINS);
            int to = (int) ((long) n * (b + 1) / BINS);
            if (from == to) {
                continue;
            }
            double p = 0;
            double y = 0;
            for (int k = from; k < to; k++) {
                p += predicted[order[k]];
                y += truth[order[k]];
            }
            bins.add(new Bin(predicted[order[from]], predicted[order[to - 1]], to - from, p / (to - from), y / (to - from)));
        }
        return new Reliability(List.copyOf(bins));
    }
}
