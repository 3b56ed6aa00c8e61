package dev.mlship.train;

import dev.mlship.evaluate.Predictions;

/** XGBoost's float32 margins to labels and probabilities, in double, as the exported graph computes them. */
final class Margins {
    private Margins() {}

    static Predictions predictions(float[][] margins, BoosterTrees.Link link) {
        int n = margins.length;
        if (link == BoosterTrees.Link.IDENTITY) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = margins[i][0];
            }
            return new Predictions.Values(values);
        }
        int[] labels = new int[n];
        double[][] prob = new double[n][];
        for (int i = 0; i < n; i++) {
            if (link == BoosterTrees.Link.LOGISTIC) {
                double z = margins[i][0];
                double p1 = 1.0 / (1.0 + Math.exp(-z));
                prob[i] = new double[] {1.0 - p1, p1};
                labels[i] = z > 0 ? 1 : 0;
            } else {
                prob[i] = softmax(margins[i]);
                labels[i] = firstMax(margins[i]);
            }
        }
        return new Predictions.Classes(labels, prob);
    }

    private static double[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static int firstMax(float[] z) {
        int best = 0;
        for (int c = 1; c < z.length; c++) {
            if (z[c] > z[best]) {
                best = c;
            }
        }
        return best;
    }
}
