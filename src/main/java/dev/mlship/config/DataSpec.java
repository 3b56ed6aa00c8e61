package dev.mlship.config;

import dev.mlship.data.ColumnType;
import java.util.List;
import java.util.Map;

/**
 * The `data` section. {@code delimiter} null means detect, and the word "tab" becomes a tab character
 * here so readers see one spelling; {@code missing} lists the text markers read as missing values;
 * {@code types} overrides the inferred type of named columns.
 */
public record DataSpec(
        String path,
        String label,
        List<String> features,
        SplitSpec split,
        String delimiter,
        List<String> missing,
        Map<String, ColumnType> types) {

    public static final List<String> DEFAULT_MISSING = List.of("", "NA", "NaN", "null");

    public DataSpec {
        features = features == null ? null : List.copyOf(features);
        split = split == null ? SplitSpec.DEFAULT : split;
        delimiter = "tab".equals(delimiter) ? "\t" : delimiter;
        missing = missing == null ? DEFAULT_MISSING : List.copyOf(missing);
        types = types == null ? Map.of() : Map.copyOf(types);
    }
}
