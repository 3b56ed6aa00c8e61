package dev.mlship.data;

/** One column of a {@link Table}, stored as a primitive array. */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    ColumnType type();

    int size();

    boolean isMissing(int row);

    /** A new column holding the given rows, in that order. */
    Column select(int[] rows);

    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }
}
