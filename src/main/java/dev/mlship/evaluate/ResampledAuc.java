package dev.mlship.evaluate;

import java.util.Arrays;

/**
 * Binary AUC of bootstrap resamples of one test split, without sorting each resample: the scores are
 * sorted once, and a resample is a count per row. The value is the one Smile's {@code AUC.of} gives on
 * the resampled rows, bit for bit: ranks are whole or half numbers and their sums stay far below 2^53,
 * so adding them up in another order is exact, and the final expression is Smile's.
 */
final class ResampledAuc {
    private final int[] order;
    private final double[] sortedScore;

    private ResampledAuc(int[] order, double[] sortedScore) {
        this.order = order;
        this.sortedScore = sortedScore;
    }

    /** Null when the fast path does not apply (more than two classes, NaN scores): use Metrics then. */
    static ResampledAuc of(Target target, Predictions predictions) {
        if (!(target instanceof Target.Classes t) || t.count() != 2 || !(predictions instanceof Predictions.Classes p)) {
            return null;
        }
        double[] score = p.column(1);
        int n = score.length;
        for (double s : score) {
            if (Double.isNaN(s)) {
                return null;
            }
        }
        int[] order = sortedIndexes(score);
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = score[order[i]];
        }
        return new ResampledAuc(order, sorted);
    }

    private static int[] sortedIndexes(double[] score) {
        int n = score.length;
        long[] keyed = new long[n];
        double[] copy = score.clone();
        Arrays.sort(copy);
        // The position of each score among the sorted scores gives a sortable key without boxing.
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(copy, score[i]);
            keyed[i] = ((long) rank << 32) | i;
        }
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }

    /**
     * AUC of the rows drawn ({@code rows}, with repeats), NaN when they hold only one class.
     *
     * @param truth the class code (0 or 1) of every row of the split
     */
    double of(int[] truth, int[] rows) {
        int n = order.length;
        int[] count = new int[n];
        for (int r : rows) {
            count[r]++;
        }
        double pos = 0;
        double neg = 0;
        double rankSum = 0;
        long before = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            long drawn = 0;
            long positives = 0;
            // One group of equal scores shares the mean of the ranks it occupies, as in Smile.
            do {
                int row = order[j];
                drawn += count[row];
                if (truth[row] == 1) {
                    positives += count[row];
                }
                j++;
            } while (j < n && sortedScore[j] == sortedScore[i]);
            if (drawn > 0) {
                double meanRank = (2 * before + drawn + 1) / 2.0;
                rankSum += positives * meanRank;
                pos += positives;
                neg += drawn - positives;
                before += drawn;
            }
            i = j;
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - (pos * (pos + 1) / 2.0)) / (pos * neg);
    }
}
