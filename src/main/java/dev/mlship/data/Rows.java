package dev.mlship.data;

/** Picks rows out of a column array, in the order given (splits, folds and bootstrap resamples). */
public final class Rows {
    private Rows() {}

    public static double[] select(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static <T> T[] select(T[] values, int[] rows, java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(rows.length);
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
