package dev.mlship.evaluate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The ROC curve of a binary classifier read at fixed false-positive rates, so that two models' curves share
 * one x-axis: at each rate, the highest true-positive rate of a threshold whose false-positive rate does
 * not exceed it.
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates) {
    public static final int POINTS = 21;

    /** Null when the rows hold only one class (no curve is defined). */
    public static RocCurve of(Target.Classes truth, Predictions.Classes predictions) {
        int n = truth.size();
        double[] score = predictions.column(1);
        int positives = (int) Arrays.stream(truth.codes()).filter(c -> c == 1).count();
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double[] grid = IntStream.range(0, POINTS).mapToDouble(i -> i / (double) (POINTS - 1)).toArray();
        double[] tpr = new double[POINTS];
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < n) {
            // All rows with the same score cross the threshold together.
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                if (truth.codes()[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            double fpr = fp / (double) negatives;
            double rate = tp / (double) positives;
            for (int g = 0; g < POINTS; g++) {
                if (fpr <= grid[g] + 1e-12) {
                    tpr[g] = Math.max(tpr[g], rate);
                }
            }
            i = j;
        }
        return new RocCurve(grid, tpr);
    }
}
