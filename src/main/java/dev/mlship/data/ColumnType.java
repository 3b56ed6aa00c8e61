package dev.mlship.data;

/** What a column holds, as inferred from the data or set in the config (`data.types`). */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL,
    /** Two-valued text such as true/false or yes/no; encoded like a categorical column. */
    BOOLEAN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
