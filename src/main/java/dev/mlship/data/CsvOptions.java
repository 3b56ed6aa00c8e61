package dev.mlship.data;

import java.util.Map;
import java.util.Set;

/**
 * How to read a CSV file.
 *
 * @param delimiter      the field separator, or null to detect {@code ,} {@code ;} or tab from the header line
 * @param missingMarkers texts that mean "no value", compared with a field's text after surrounding spaces are
 *                       trimmed (the config's default is "", "NA", "NaN", "null")
 * @param types          column types that override inference, by column name; names that are not in the file
 *                       are ignored here, so the caller can report them against its own config location
 * @param typesFrom      where {@code types} come from, so that a value that does not fit says what to change
 */
public record CsvOptions(Character delimiter, Set<String> missingMarkers, Map<String, ColumnType> types, TypesFrom typesFrom) {
    /** Who decided the forced column types. */
    public enum TypesFrom {
        /** {@code data.types} in mlship.yaml (and the label's type, which the task decides). */
        CONFIG,
        /** The inputs of a trained model: their types were fixed at training. */
        MODEL
    }

    /** Types from the config's {@code data.types}. */
    public CsvOptions(Character delimiter, Set<String> missingMarkers, Map<String, ColumnType> types) {
        this(delimiter, missingMarkers, types, TypesFrom.CONFIG);
    }

    public CsvOptions {
        if (delimiter != null && (delimiter > 127 || delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            // The reader works on bytes: a multi-byte or structural character cannot separate fields.
            throw new IllegalArgumentException("delimiter must be one ASCII character other than a quote or a line break: "
                    + delimiter);
        }
        missingMarkers = missingMarkers == null ? Set.of() : Set.copyOf(missingMarkers);
        types = types == null ? Map.of() : Map.copyOf(types);
        typesFrom = typesFrom == null ? TypesFrom.CONFIG : typesFrom;
    }

    /** Detect the delimiter, infer every type, treat the given texts as missing. */
    public static CsvOptions withMissing(Set<String> missingMarkers) {
        return new CsvOptions(null, missingMarkers, Map.of());
    }
}
