package dev.mlship.prepare;

/**
 * The prepared features of some rows, held either column by column or row by row, whichever the learner
 * reads: Smile's trees read a column at a time and take the column arrays as they are, while logistic
 * regression, MLP and SVM read rows. Asking for the other layout makes a transposed copy, so a fit
 * never holds the matrix twice unless it has to. The arrays are shared, not copied; nothing may change
 * them once built.
 */
public final class FeatureMatrix {
    private final int rows;
    private final int width;
    private final double[][] byColumn;
    private final double[][] byRow;

    private FeatureMatrix(int rows, int width, double[][] byColumn, double[][] byRow) {
        this.rows = rows;
        this.width = width;
        this.byColumn = byColumn;
        this.byRow = byRow;
    }

    /** Wraps {@code columns[j][i]} (feature j of row i) without copying. */
    public static FeatureMatrix ofColumns(int rows, double[][] columns) {
        for (double[] c : columns) {
            if (c.length != rows) {
                throw new IllegalArgumentException("a column has " + c.length + " rows, expected " + rows);
            }
        }
        return new FeatureMatrix(rows, columns.length, columns, null);
    }

    /** Wraps a row-major matrix {@code x[i][j]} without copying; every row must have the same length. */
    public static FeatureMatrix ofRows(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, expected " + p);
            }
        }
        return new FeatureMatrix(x.length, p, null, x);
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** Feature j of every row: the stored array itself when held by column, else a copy. */
    public double[] column(int j) {
        if (byColumn != null) {
            return byColumn[j];
        }
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = byRow[i][j];
        }
        return c;
    }

    /** The rows {@code x[i][j]}: the stored arrays themselves when held by row, else a copy. */
    public double[][] toRows() {
        if (byRow != null) {
            return byRow;
        }
        double[][] x = new double[rows][width];
        for (int i = 0; i < rows; i++) {
            double[] row = x[i];
            for (int j = 0; j < width; j++) {
                row[j] = byColumn[j][i];
            }
        }
        return x;
    }
}
