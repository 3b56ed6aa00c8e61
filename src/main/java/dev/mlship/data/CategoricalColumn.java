package dev.mlship.data;

import java.util.List;

/**
 * A text column, dictionary encoded: {@code codes[row]} indexes {@code levels}; a missing value is -1.
 * Levels are the distinct raw strings as they appear in the file, in order of first appearance.
 */
public record CategoricalColumn(String name, ColumnType type, int[] codes, List<String> levels) implements Column {
    public static final int MISSING = -1;

    public CategoricalColumn {
        if (type == ColumnType.NUMERIC) {
            throw new IllegalArgumentException("a categorical column cannot have type numeric: " + name);
        }
        levels = List.copyOf(levels);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    /** The raw value at a row, or null when missing. */
    public String value(int row) {
        int code = codes[row];
        return code == MISSING ? null : levels.get(code);
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        return new CategoricalColumn(name, type, Rows.select(codes, rows), levels);
    }
}
