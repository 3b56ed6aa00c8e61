package dev.mlship.config;

import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Strategy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks that binding cannot make: required keys, ranges, and values that must agree with each
 * other (the algorithm with the task, metrics with the task, params with the algorithm). Every problem
 * names its key and line; they are reported in file order.
 */
public final class SpecValidator {
    /** The name becomes an image repository, so it follows Docker's lower-case rules. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]*[a-z0-9])?");
    static final int MAX_NAME = 63;
    static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final Set<String> DELIMITERS = Set.of(",", ";", "\t");

    private final PipelineSpec spec;
    private final Problems problems;

    private SpecValidator(Settings settings) {
        this.spec = settings.spec();
        this.problems = new Problems(settings.locations());
    }

    /** Throws the first problem in file order, if any. */
    public static void validate(Settings settings) {
        List<Problems.Problem> found = new SpecValidator(settings).run();
        if (!found.isEmpty()) {
            throw settings.error(found.getFirst().keyPath(), found.getFirst().message());
        }
    }

    /** Every problem, one line each, in file order: for a command that lists them all. */
    public static List<String> problems(Settings settings) {
        return new SpecValidator(settings).run().stream()
                .map(p -> settings.error(p.keyPath(), p.message()).getMessage())
                .toList();
    }

    private List<Problems.Problem> run() {
        checkName();
        checkData();
        checkPrepare();
        new ModelChecks(problems).check(spec.model());
        new EvaluateChecks(problems).check(spec.evaluate(), spec.model() == null ? null : spec.model().task());
        checkPackage();
        checkPromote();
        return problems.inFileOrder();
    }

    private void report(String keyPath, String message) {
        problems.add(keyPath, message);
    }

    private String shown(String keyPath, Object value) {
        return problems.shown(keyPath, value);
    }

    private void checkName() {
        String name = spec.name();
        if (name == null || name.isBlank()) {
            report("name", "is required: a lower-case name for the model and its image, such as credit-risk");
        } else if (name.length() > MAX_NAME) {
            report("name", "must be at most " + MAX_NAME + " characters (it names an image), got " + name.length());
        } else if (!NAME.matcher(name).matches()) {
            report("name", "must be lower-case letters, digits, '.', '_' or '-', starting and ending with a letter"
                    + " or digit (it names an image), got " + shown("name", name));
        }
    }

    private void checkData() {
        DataSpec data = spec.data();
        if (data == null) {
            report("data", "is required, with at least path and label");
            return;
        }
        requireText("data.path", data.path(), "the CSV or Parquet file (or folder or glob of parts) to train on, relative to this file");
        requireText("data.label", data.label(), "the column to predict");
        double test = data.split().test();
        if (!(test > 0 && test < 1)) {
            report("data.split.test", "must be a number between 0 and 1 (exclusive), the share of rows held out"
                    + " for testing, got " + shown("data.split.test", test));
        }
        checkFeatures(data);
        String delimiter = data.delimiter();
        if (delimiter != null && !DELIMITERS.contains(delimiter)) {
            report("data.delimiter", "must be \",\", \";\" or \"\\t\" (or the word tab), or left out to detect it,"
                    + " got " + shown("data.delimiter", delimiter));
        }
        for (String column : data.types().keySet()) {
            if (column.isBlank()) {
                report(KeyPath.child("data.types", column), "names no column");
            }
        }
    }

    private void checkFeatures(DataSpec data) {
        List<String> features = data.features();
        if (features == null) {
            return;
        }
        if (features.isEmpty()) {
            report("data.features", "lists no column; list at least one, or leave the key out to use every column"
                    + " but the label");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            String feature = features.get(i);
            String path = KeyPath.element("data.features", i);
            if (feature.isBlank()) {
                report(path, "is empty; give a column name");
            } else if (!seen.add(feature)) {
                report(path, "lists \"" + feature + "\" twice");
            } else if (feature.equals(data.label())) {
                report(path, "is the label column \"" + feature + "\"; the label cannot also be a feature");
            }
        }
    }

    private void requireText(String keyPath, String value, String what) {
        if (value == null || value.isBlank()) {
            report(keyPath, "is required: " + what);
        }
    }

    private void checkPrepare() {
        PrepareSpec prepare = spec.prepare();
        Integer maxCategories = prepare.maxCategories();
        if (maxCategories != null && maxCategories < 2) {
            report("prepare.max_categories", "must be an integer >= 2, got " + shown("prepare.max_categories", maxCategories));
        }
        ImputeSpec impute = prepare.impute();
        if (impute.categorical() == Strategy.MEAN || impute.categorical() == Strategy.MEDIAN) {
            report("prepare.impute.categorical", impute.categorical().id() + " needs numbers; for categorical"
                    + " columns use most_frequent or constant");
        }
        if (impute.categorical() == Strategy.NONE) {
            report("prepare.impute.categorical", "none is for numeric columns; a missing category is encoded like"
                    + " any other with most_frequent or constant");
        }
        AlgorithmName algorithm = spec.model() == null ? null : spec.model().algorithm();
        if (impute.numeric() == Strategy.NONE && algorithm != null && !algorithm.takesMissingValues()) {
            report("prepare.impute.numeric", "none keeps missing values as NaN, which " + algorithm.id()
                    + " cannot take; use median, mean, most_frequent or constant (none is for xgboost)");
        }
        checkConstant("numeric", impute.numeric(), impute.numericValue(), "the number to fill in");
        checkConstant("categorical", impute.categorical(), impute.categoricalValue(), "the text to fill in");
    }

    private void checkConstant(String kind, Strategy strategy, Object value, String what) {
        String strategyPath = "prepare.impute." + kind;
        String valuePath = strategyPath + "_value";
        if (strategy == Strategy.CONSTANT && value == null) {
            report(strategyPath, "constant needs " + valuePath + ", " + what);
        } else if (strategy != Strategy.CONSTANT && value != null) {
            report(valuePath, "is used only with " + kind + ": constant, and " + kind + " is " + strategy.id());
        }
    }

    private void checkPackage() {
        PackageSpec packaging = spec.packaging();
        if (packaging == null) {
            return;
        }
        checkReference("package.image", packaging.image(), "ghcr.io/acme/credit-risk");
        checkReference("package.base_image", packaging.baseImage(), "ghcr.io/mlship/mlship:1");
        for (int i = 0; i < packaging.tags().size(); i++) {
            checkTag(KeyPath.element("package.tags", i), packaging.tags().get(i));
        }
    }

    private void checkReference(String path, String reference, String example) {
        if (reference != null && (reference.isBlank() || reference.chars().anyMatch(Character::isWhitespace))) {
            report(path, "must be an image reference such as " + example + ", or left out, got " + shown(path, reference));
        }
    }

    private void checkPromote() {
        if (spec.promote() != null) {
            checkTag("promote.tag", spec.promote().tag());
        }
    }

    private void checkTag(String path, String tag) {
        if (!DOCKER_TAG.matcher(tag).matches()) {
            report(path, "must be a valid image tag (letters, digits, '_', '.' or '-', not starting with '.' or"
                    + " '-', at most 128 characters), got " + shown(path, tag));
        }
    }
}
