package dev.mlship.prepare;

import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The fitted preparation of raw feature columns into the model's matrix: for each feature in order, a
 * numeric one gives one column (imputed, then scaled) and a categorical one gives its one-hot columns
 * (imputed, then encoded).
 */
public record FittedPreprocessor(
        List<String> features, FittedImputer imputer, List<FittedOneHot> encoders, FittedScaler scaler) {

    public FittedPreprocessor {
        features = List.copyOf(features);
        encoders = List.copyOf(encoders);
    }

    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (String f : features) {
            FittedOneHot enc = encoder(f);
            if (enc == null) {
                names.add(f);
            } else {
                names.addAll(enc.outputNames());
            }
        }
        return names;
    }

    public FittedOneHot encoder(String column) {
        for (FittedOneHot e : encoders) {
            if (e.column().equals(column)) {
                return e;
            }
        }
        return null;
    }

    /** Row-major matrix of the prepared features; the table must hold every feature column. */
    public double[][] transform(Table table) {
        double[][] x = new double[table.rows()][outputNames().size()];
        write(table, (row, col, v) -> x[row][col] = v);
        return x;
    }

    /**
     * The prepared features of some rows of a table, row-major float32 into {@code out} (row k of the
     * output is table row {@code rows[k]}), written straight from the columns: no double matrix in
     * between. Each cell is the float nearest to the double {@link #transform} gives. {@code out} must
     * hold {@code rows.length} x width floats and be zero where one-hot zeros go.
     */
    public void transformToFloats(Table table, int[] rows, float[] out) {
        int width = outputNames().size();
        write(table, rows, (row, col, v) -> out[row * width + col] = (float) v);
    }

    private interface Cells {
        void set(int row, int col, double value);
    }

    private void write(Table table, Cells out) {
        write(table, null, out);
    }

    /**
     * Sets every non-zero cell of the prepared matrix (one-hot zeros are left as the array's zeros) for
     * the given table rows, or all of them when {@code rows} is null; output row k is table row rows[k].
     */
    private void write(Table table, int[] rows, Cells out) {
        int n = rows == null ? table.rows() : rows.length;
        int offset = 0;
        for (String f : features) {
            Column column = Imputer.require(table, f);
            FittedOneHot enc = encoder(f);
            if (enc == null) {
                double[] values = numeric(column, f);
                Double fill = imputer.numericFill().get(f);
                double center = scaler.center().get(f);
                double scale = scaler.scale().get(f);
                for (int i = 0; i < n; i++) {
                    double v = values[rows == null ? i : rows[i]];
                    // The same arithmetic as imputer.fill then scaler.apply, with the lookups out of the loop.
                    out.set(i, offset, ((Double.isNaN(v) ? fill : v) - center) / scale);
                }
                offset++;
            } else {
                CategoricalColumn c = categorical(column, f);
                int[] slots = enc.slots(c.levels());
                int missingSlot = enc.slots(List.of(imputer.categoricalFill().get(f)))[0];
                int[] codes = c.codes();
                for (int i = 0; i < n; i++) {
                    int code = codes[rows == null ? i : rows[i]];
                    int slot = code < 0 ? missingSlot : slots[code];
                    if (slot >= 0) {
                        out.set(i, offset + slot, 1.0);
                    }
                }
                offset += enc.width();
            }
        }
    }

    /** The prepared features column by column; the table must hold every feature column. */
    public FeatureMatrix transformColumns(Table table) {
        int n = table.rows();
        double[][] x = new double[outputNames().size()][n];
        write(table, (row, col, v) -> x[col][row] = v);
        return FeatureMatrix.ofColumns(n, x);
    }

    private static double[] numeric(Column column, String name) {
        if (column instanceof NumericColumn c) {
            return c.values();
        }
        throw new IllegalArgumentException("column " + name + " was numeric in training but is " + column.type().id());
    }

    private static CategoricalColumn categorical(Column column, String name) {
        if (column instanceof CategoricalColumn c) {
            return c;
        }
        throw new IllegalArgumentException("column " + name + " was categorical in training but is numeric");
    }
}
