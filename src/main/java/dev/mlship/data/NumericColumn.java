package dev.mlship.data;

/** A numeric column; a missing value is {@code NaN}. */
public record NumericColumn(String name, double[] values) implements Column {
    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public NumericColumn select(int[] rows) {
        return new NumericColumn(name, Rows.select(values, rows));
    }
}
