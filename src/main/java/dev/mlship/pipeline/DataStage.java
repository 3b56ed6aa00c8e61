package dev.mlship.pipeline;

import dev.mlship.config.DataSpec;
import dev.mlship.config.Settings;
import dev.mlship.config.Task;
import dev.mlship.config.Typos;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.ColumnType;
import dev.mlship.data.CsvOptions;
import dev.mlship.data.DataReader;
import dev.mlship.data.DataException;
import dev.mlship.data.Dataset;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.SchemaReport;
import dev.mlship.data.Split;
import dev.mlship.data.Splitter;
import dev.mlship.data.Table;
import dev.mlship.evaluate.ClassOrder;
import dev.mlship.evaluate.Target;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Reads the CSV, checks the label and features against the config, drops unlabelled rows, splits. */
final class DataStage {
    private DataStage() {}

    static PreparedData run(Settings settings, StageLog log) {
        DataSpec spec = settings.spec().data();
        Task task = settings.spec().model().task();
        Map<String, ColumnType> types = new HashMap<>(spec.types());
        if (task == Task.CLASSIFICATION) {
            // Class names are kept as written: "1" and "1.0" are different labels.
            types.put(spec.label(), ColumnType.CATEGORICAL);
        }
        Character delimiter = spec.delimiter() == null ? null
                : spec.delimiter().equals("tab") ? '\t' : spec.delimiter().charAt(0);
        Dataset dataset = DataReader.read(settings.dataPath(), new CsvOptions(delimiter, new LinkedHashSet<>(spec.missing()), types));
        String file = settings.spec().data().path();
        Table table = dataset.table();
        log.info("read " + file + ": " + table.rows() + " rows, " + table.columns().size() + " columns, sha256 "
                + dataset.sha256().substring(0, 12));

        Column label = table.column(spec.label());
        if (label == null) {
            throw new DataException(settings.where("data.label") + ": column '" + spec.label() + "' is not in " + file
                    + didYouMean(spec.label(), table) + " (columns: " + String.join(", ", table.names()) + "); fix data.label");
        }
        List<String> features = features(settings, table, file);
        for (String t : spec.types().keySet()) {
            if (table.column(t) == null) {
                throw new DataException(settings.where("data.types." + t) + ": column '" + t + "' is not in " + file
                        + didYouMean(t, table));
            }
        }

        checkEvaluateColumns(settings, table, features, file);
        int[] labelled = IntStream.range(0, table.rows()).filter(i -> !label.isMissing(i)).toArray();
        int dropped = table.rows() - labelled.length;
        if (labelled.length == 0) {
            throw new DataException(file + ": every value of label '" + spec.label() + "' is missing; fix data.label or the file");
        }
        if (dropped > 0) {
            log.warn(dropped + " rows of " + file + " have no value for label '" + spec.label() + "' and are left out");
            table = table.select(labelled);
        }
        Target target = target(settings, table.column(spec.label()), file);
        int[] strata = target instanceof Target.Classes c && !Boolean.FALSE.equals(spec.split().stratify()) ? c.codes() : null;
        Split split = Splitter.split(table.rows(), strata, spec.split().test(), spec.split().seed());
        log.info("split " + split.train().length + " train / " + split.test().length + " test rows"
                + (strata != null ? " (stratified)" : "") + ", seed " + spec.split().seed());
        SchemaReport schema = SchemaReport.of(dataset, spec.label(), features);
        return new PreparedData(dataset.sha256(), table.rows(), table.select(split.train()), table.select(split.test()), target,
                features, split, dropped, schema);
    }

    /** The columns evaluate.slices and evaluate.drift name: slices any column of the file, drift a feature. */
    private static void checkEvaluateColumns(Settings settings, Table table, List<String> features, String file) {
        var evaluate = settings.spec().evaluate();
        for (int i = 0; i < evaluate.slices().size(); i++) {
            var slice = evaluate.slices().get(i);
            Column c = table.column(slice.column());
            String path = "evaluate.slices[" + i + "]";
            if (c == null) {
                throw new DataException(settings.where(path) + ": column '" + slice.column() + "' is not in " + file
                        + didYouMean(slice.column(), table) + "; slice by a column of the file");
            }
            if (slice.bins() != null && !(c instanceof NumericColumn)) {
                throw new DataException(settings.where(path + ".bins") + ": column '" + slice.column() + "' is not numeric,"
                        + " so it cannot be cut at bins; slice by its values: write the column's name alone");
            }
        }
        var drift = evaluate.drift();
        for (String key : List.of("ignore", "gate")) {
            List<String> names = key.equals("ignore") ? drift.ignore() : drift.gate();
            for (int i = 0; i < names.size(); i++) {
                if (!features.contains(names.get(i))) {
                    throw new DataException(settings.where("evaluate.drift." + key + "[" + i + "]") + ": '" + names.get(i)
                            + "' is not a feature" + Typos.closest(names.get(i), features).map(c -> " (did you mean '" + c + "'?)")
                                    .orElse("") + "; drift is measured on the features: " + String.join(", ", features));
                }
            }
        }
    }

    /** " (did you mean 'Status'?)" when a column of the file is a likely typo of the name, else "". */
    private static String didYouMean(String column, Table table) {
        return Typos.closest(column, table.names()).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private static List<String> features(Settings settings, Table table, String file) {
        DataSpec spec = settings.spec().data();
        if (spec.features() != null) {
            for (int i = 0; i < spec.features().size(); i++) {
                String f = spec.features().get(i);
                if (table.column(f) == null) {
                    throw new DataException(settings.where("data.features[" + i + "]") + ": column '" + f + "' is not in "
                            + file + didYouMean(f, table) + " (columns: " + String.join(", ", table.names()) + ")");
                }
            }
            return spec.features();
        }
        List<String> all = table.names().stream().filter(n -> !n.equals(spec.label())).toList();
        if (all.isEmpty()) {
            throw new DataException(file + " has no column besides the label '" + spec.label() + "': add feature columns");
        }
        return all;
    }

    private static Target target(Settings settings, Column label, String file) {
        Task task = settings.spec().model().task();
        if (task == Task.REGRESSION) {
            if (label instanceof NumericColumn n) {
                return new Target.Values(n.values());
            }
            throw new DataException(settings.where("data.label") + ": label '" + label.name() + "' in " + file
                    + " is not numeric, so it cannot be a regression target; use task: classification or another label");
        }
        CategoricalColumn column = (CategoricalColumn) label;
        String positive = settings.spec().evaluate().positiveClass();
        List<String> classes = ClassOrder.of(column, positive);
        if (classes.size() < 2) {
            throw new DataException(file + ": label '" + label.name() + "' has only one class ("
                    + classes.getFirst() + "); a classifier needs at least two");
        }
        if (positive != null && classes.size() == 2 && !classes.contains(positive)) {
            throw new DataException(settings.where("evaluate.positive_class") + ": '" + positive + "' is not a class of label '"
                    + label.name() + "' (classes: " + String.join(", ", classes) + ")");
        }
        return ClassOrder.target(column, classes);
    }
}
