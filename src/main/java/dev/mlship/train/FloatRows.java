package dev.mlship.train;

import dev.mlship.data.Table;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.Arrays;

/**
 * Rows of the prepared matrix in float32, the precision XGBoost computes in, written a block at a time
 * on demand (from the raw columns, through the fitted preparation) so that no full copy of the matrix
 * is ever held: XGBoost reads the blocks into its own quantised store, and predictions go block by block.
 */
final class FloatRows {
    /** Writes the given source rows, row-major, into {@code out} (zeroed before). */
    interface Source {
        void write(int[] rows, float[] out);
    }

    /**
     * Cells in one block, about 4 MB of floats: large enough that per-block costs vanish, small beside
     * the data (XGBoost's copy of a block takes twice that and is freed with it).
     */
    static final int BLOCK_CELLS = 1 << 20;

    private final Source source;
    private final int[] index;
    private final int rows;
    private final int cols;

    private FloatRows(Source source, int[] index, int rows, int cols) {
        this.source = source;
        this.index = index;
        this.rows = rows;
        this.cols = cols;
    }

    /** The prepared rows of a table. */
    static FloatRows of(FittedPreprocessor prep, Table table) {
        return new FloatRows((r, out) -> prep.transformToFloats(table, r, out), null, table.rows(), prep.outputNames().size());
    }

    /** Rows of doubles, each cell rounded to the nearest float. */
    static FloatRows of(double[][] x) {
        int cols = x.length == 0 ? 0 : x[0].length;
        return new FloatRows((r, out) -> {
            for (int k = 0; k < r.length; k++) {
                double[] row = x[r[k]];
                for (int j = 0; j < cols; j++) {
                    out[k * cols + j] = (float) row[j];
                }
            }
        }, null, x.length, cols);
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** The given rows of this view, in that order, without copying any cell. */
    FloatRows select(int[] rowIndexes) {
        int[] picked = new int[rowIndexes.length];
        for (int k = 0; k < picked.length; k++) {
            picked[k] = index == null ? rowIndexes[k] : index[rowIndexes[k]];
        }
        return new FloatRows(source, picked, picked.length, cols);
    }

    /** How many rows a block of about {@link #BLOCK_CELLS} cells holds: at least one, at most all. */
    int blockRows() {
        return Math.min(Math.max(1, rows), Math.max(1, BLOCK_CELLS / Math.max(1, cols)));
    }

    /** Writes rows [from, from + count) row-major into the start of {@code out}. */
    void write(int from, int count, float[] out) {
        int[] r = new int[count];
        for (int k = 0; k < count; k++) {
            r[k] = index == null ? from + k : index[from + k];
        }
        Arrays.fill(out, 0, count * cols, 0f);
        source.write(r, out);
    }
}
