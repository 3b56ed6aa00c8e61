package dev.mlship.evaluate;

import dev.mlship.data.Rows;

/** What a model says about each row: a class and the probability of every class, or a number. */
public sealed interface Predictions {
    int size();

    Predictions select(int[] rows);

    record Classes(int[] labels, double[][] probabilities) implements Predictions {
        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public Classes select(int[] rows) {
            return new Classes(Rows.select(labels, rows), Rows.select(probabilities, rows, double[][]::new));
        }

        /** Probability of one class for every row. */
        public double[] column(int cls) {
            double[] out = new double[probabilities.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = probabilities[i][cls];
            }
            return out;
        }
    }

    record Values(double[] values) implements Predictions {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Values select(int[] rows) {
            return new Values(Rows.select(values, rows));
        }
    }
}
