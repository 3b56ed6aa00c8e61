package dev.mlship.init;

import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a first look at the data suggests: which column to predict and whether that is a classification or a
 * regression. A label is proposed only when a column's name says so; guessing from the position or the values
 * would train a model of the wrong thing without anyone noticing.
 */
public final class DataSurvey {
    /** Names that mean "the column to predict" in the data sets people export (compared without case). */
    static final Set<String> LABEL_NAMES = Set.of("label", "target", "y", "class", "outcome", "response", "churn",
            "churned", "default", "survived", "is_fraud", "fraud");

    /** A numeric label with at most this many distinct whole numbers is taken as classes (0/1, ratings 1-5). */
    static final int MAX_NUMERIC_CLASSES = 10;

    private DataSurvey() {}

    /** The column whose name marks it as the label, if exactly one does. */
    public static Optional<String> proposeLabel(Table table) {
        List<String> named = new ArrayList<>();
        for (String name : table.names()) {
            if (LABEL_NAMES.contains(name.strip().toLowerCase(Locale.ROOT))) {
                named.add(name);
            }
        }
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }

    /** Text and yes/no labels are classes; numbers are classes only when few and whole. */
    public static Task task(Column label) {
        return switch (label) {
            case CategoricalColumn c -> Task.CLASSIFICATION;
            case NumericColumn n -> {
                double[] distinct = java.util.Arrays.stream(n.values()).filter(v -> !Double.isNaN(v)).distinct()
                        .limit(MAX_NUMERIC_CLASSES + 1).toArray();
                boolean whole = java.util.Arrays.stream(distinct).allMatch(v -> v == Math.rint(v));
                yield whole && distinct.length <= MAX_NUMERIC_CLASSES && distinct.length >= 2
                        ? Task.CLASSIFICATION : Task.REGRESSION;
            }
        };
    }

    /** How many distinct classes a classification label has. */
    public static int classes(Column label) {
        return switch (label) {
            case CategoricalColumn c -> (int) java.util.Arrays.stream(c.codes()).filter(code -> code >= 0).distinct().count();
            case NumericColumn n -> (int) java.util.Arrays.stream(n.values()).filter(v -> !Double.isNaN(v)).distinct().count();
        };
    }
}
