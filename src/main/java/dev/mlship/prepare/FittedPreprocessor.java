package dev.mlship.prepare;

import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.DataException;
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
     * The prepared features as one row-major float32 array, written straight from the columns (no
     * double matrix in between): what XGBoost reads. Each cell is the float nearest to the double
     * {@link #transform} gives.
     */
    public float[] transformToFloats(Table table) {
        long cells = (long) table.rows() * outputNames().size();
        if (cells > Integer.MAX_VALUE - 8) {
            throw new DataException(table.rows() + " rows x " + outputNames().size() + " prepared columns are more cells than"
                    + " xgboost takes in one matrix (2^31); sample the rows, or lower prepare.max_categories");
        }
        int width = outputNames().size();
        float[] x = new float[(int) cells];
        write(table, (row, col, v) -> x[row * width + col] = (float) v);
        return x;
    }

    private interface Cells {
        void set(int row, int col, double value);
    }

    /** Sets every non-zero cell of the prepared matrix (one-hot zeros are left as the array's zeros). */
    private void write(Table table, Cells out) {
        int n = table.rows();
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
                    double v = values[i];
                    // The same arithmetic as imputer.fill then scaler.apply, with the lookups out of the loop.
                    out.set(i, offset, ((Double.isNaN(v) ? fill : v) - center) / scale);
                }
                offset++;
            } else {
                CategoricalColumn c = categorical(column, f);
                int[] slots = enc.slots(c.levels());
                int missingSlot = enc.slots(List.of(imputer.categoricalFill().get(f)))[0];
                for (int i = 0; i < n; i++) {
                    int code = c.codes()[i];
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
