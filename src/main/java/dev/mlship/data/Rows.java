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

    /** All {@code rows} row indexes, or a seeded sample of {@code size} of them, in ascending order. */
    public static int[] sample(int rows, int size, long seed) {
        if (rows <= size) {
            return java.util.stream.IntStream.range(0, rows).toArray();
        }
        int[] out = java.util.Arrays.copyOf(permutation(rows, new java.util.SplittableRandom(seed)), size);
        java.util.Arrays.sort(out);
        return out;
    }

    /** 0 .. n-1 shuffled (Fisher-Yates) by {@code random}. */
    public static int[] permutation(int n, java.util.SplittableRandom random) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    public static <T> T[] select(T[] values, int[] rows, java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(rows.length);
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
