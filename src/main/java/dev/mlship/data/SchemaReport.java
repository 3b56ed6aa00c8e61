package dev.mlship.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the training data looked like: the content of schema.json, and what a later run compares its data
 * against. Plain records so that Jackson writes them as they are.
 *
 * @param delimiter the field separator, as text ("," ";" or a tab character); left out for Parquet
 */
public record SchemaReport(
        int rows,
        String sha256,
        @JsonInclude(JsonInclude.Include.NON_NULL) String delimiter,
        List<ColumnReport> columns) {
    /** At most this many categories are listed per column; the rest are summed in other_count. */
    public static final int MAX_CATEGORIES = 100;

    public SchemaReport {
        columns = List.copyOf(columns);
    }

    /**
     * One column. {@code numeric} is set for numeric columns only, {@code categories} and {@code otherCount}
     * for the others.
     *
     * @param type     numeric, categorical or boolean
     * @param role     feature, label or ignored
     * @param count    rows with a value
     * @param distinct distinct values among those rows
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnReport(
            String name,
            String type,
            String role,
            int count,
            int missing,
            NumericSummary numeric,
            List<CategoryCount> categories,
            @JsonProperty("other_count") Long otherCount,
            int distinct) {
    }

    /**
     * Summary of the values present; every field is null when the column has no values.
     *
     * @param std the sample standard deviation (n - 1 in the denominator); null with fewer than two values
     */
    public record NumericSummary(Double min, Double max, Double mean, Double std) {
    }

    public record CategoryCount(String value, int count) {
    }

    /**
     * Describes every column of the dataset.
     *
     * @param label    the label column, or null when there is none (data to predict on)
     * @param features the feature columns, or null/empty for every column but the label
     */
    public static SchemaReport of(Dataset dataset, String label, List<String> features) {
        Table table = dataset.table();
        Set<String> featureSet = features == null ? Set.of() : new HashSet<>(features);
        checkNamed(dataset, label == null ? List.of() : List.of(label), "data.label");
        checkNamed(dataset, featureSet, "data.features");
        // One column per task on the common pool: each numeric column is sorted to count its distinct values.
        List<ColumnReport> reports = table.columns().parallelStream().map(column -> {
            String name = column.name();
            String role = name.equals(label) ? "label"
                    : featureSet.isEmpty() || featureSet.contains(name) ? "feature" : "ignored";
            return switch (column) {
                case NumericColumn numeric -> numeric(numeric, role);
                case CategoricalColumn categorical -> categorical(categorical, role);
            };
        }).toList();
        return new SchemaReport(table.rows(), dataset.sha256(), dataset.delimiter() == null ? null : String.valueOf(dataset.delimiter()), reports);
    }

    private static void checkNamed(Dataset dataset, Iterable<String> names, String key) {
        for (String name : names) {
            if (dataset.table().column(name) == null) {
                List<String> columns = dataset.table().names().stream().map(Quoted::of).toList();
                throw new DataException(dataset.path() + " line 1: " + key + " names column " + Quoted.of(name)
                        + ", which is not in the header; the columns are " + String.join(", ", columns));
            }
        }
    }

    private static ColumnReport numeric(NumericColumn column, String role) {
        double[] present = Arrays.stream(column.values()).filter(v -> !Double.isNaN(v)).toArray();
        int n = present.length;
        NumericSummary summary = new NumericSummary(null, null, null, null);
        int distinct = 0;
        if (n > 0) {
            double sum = 0;
            for (double v : present) {
                sum += v;
            }
            double mean = sum / n;
            // Two passes (mean first, then squared deviations) avoid the cancellation of sum-of-squares formulas.
            double squares = 0;
            for (double v : present) {
                squares += (v - mean) * (v - mean);
            }
            Arrays.sort(present);
            for (int i = 0; i < n; i++) {
                if (i == 0 || present[i] != present[i - 1]) { // != treats -0.0 and 0.0 as one value
                    distinct++;
                }
            }
            summary = new NumericSummary(present[0], present[n - 1], finiteOrNull(mean),
                    n > 1 ? finiteOrNull(Math.sqrt(squares / (n - 1))) : null);
        }
        return new ColumnReport(column.name(), ColumnType.NUMERIC.id(), role, n, column.size() - n, summary,
                null, null, distinct);
    }

    private static ColumnReport categorical(CategoricalColumn column, String role) {
        int[] counts = new int[column.levels().size()];
        int missing = 0;
        for (int code : column.codes()) {
            if (code == CategoricalColumn.MISSING) {
                missing++;
            } else {
                counts[code]++;
            }
        }
        List<CategoryCount> all = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) { // a selection of rows may leave some levels unused
                all.add(new CategoryCount(column.levels().get(code), counts[code]));
            }
        }
        all.sort(Comparator.comparingInt(CategoryCount::count).reversed().thenComparing(CategoryCount::value));
        long other = 0;
        for (int i = MAX_CATEGORIES; i < all.size(); i++) {
            other += all.get(i).count();
        }
        List<CategoryCount> shown = all.subList(0, Math.min(MAX_CATEGORIES, all.size()));
        return new ColumnReport(column.name(), column.type().id(), role, column.size() - missing, missing, null,
                List.copyOf(shown), other, all.size());
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
