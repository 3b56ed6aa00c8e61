package dev.mlship.train;

/** A prepared matrix as one row-major float32 array, the layout XGBoost reads without another copy. */
record FloatRows(float[] values, int rows, int cols) {
    FloatRows {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(rows + " x " + cols + " cells expected, got " + values.length);
        }
    }

    static FloatRows of(double[][] x) {
        int cols = x.length == 0 ? 0 : x[0].length;
        float[] v = new float[Math.multiplyExact(x.length, cols)];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols; j++) {
                v[i * cols + j] = (float) x[i][j];
            }
        }
        return new FloatRows(v, x.length, cols);
    }

    /** The given rows, in that order. */
    FloatRows select(int[] rowIndexes) {
        float[] v = new float[Math.multiplyExact(rowIndexes.length, cols)];
        for (int i = 0; i < rowIndexes.length; i++) {
            System.arraycopy(values, rowIndexes[i] * cols, v, i * cols, cols);
        }
        return new FloatRows(v, rowIndexes.length, cols);
    }
}
