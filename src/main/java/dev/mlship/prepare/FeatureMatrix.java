package dev.mlship.prepare;

/**
 * The prepared features of some rows, stored column by column: Smile's trees read a column at a time, so
 * they take these arrays as they are, while learners that read rows (logistic regression, MLP, SVM) ask
 * for {@link #toRows()}. The arrays are shared, not copied; nothing may change them once built.
 */
public final class FeatureMatrix {
    private final int rows;
    private final double[][] columns;

    private FeatureMatrix(int rows, double[][] columns) {
        for (double[] c : columns) {
            if (c.length != rows) {
                throw new IllegalArgumentException("a column has " + c.length + " rows, expected " + rows);
            }
        }
        this.rows = rows;
        this.columns = columns;
    }

    /** Wraps {@code columns[j][i]} (feature j of row i) without copying. */
    public static FeatureMatrix ofColumns(int rows, double[][] columns) {
        return new FeatureMatrix(rows, columns);
    }

    /** Copies a row-major matrix {@code x[i][j]}; every row must have the same length. */
    public static FeatureMatrix ofRows(double[][] x) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        double[][] columns = new double[p][n];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            if (row.length != p) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " values, expected " + p);
            }
            for (int j = 0; j < p; j++) {
                columns[j][i] = row[j];
            }
        }
        return new FeatureMatrix(n, columns);
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return columns.length;
    }

    /** Feature j of every row: the stored array itself. */
    public double[] column(int j) {
        return columns[j];
    }

    /** A row-major copy, {@code x[i][j]}. */
    public double[][] toRows() {
        int p = columns.length;
        double[][] x = new double[rows][p];
        for (int i = 0; i < rows; i++) {
            double[] row = x[i];
            for (int j = 0; j < p; j++) {
                row[j] = columns[j][i];
            }
        }
        return x;
    }
}
