package dev.mlship.data;

import java.util.ArrayList;
import java.util.List;

/** Columns of equal length, in file order. */
public record Table(List<Column> columns, int rows) {
    public Table {
        columns = List.copyOf(columns);
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
        }
    }

    /** The column with this exact name, or null. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** A new table holding the given rows, in that order. */
    public Table select(int[] rowIndexes) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rowIndexes));
        }
        return new Table(out, rowIndexes.length);
    }
}
