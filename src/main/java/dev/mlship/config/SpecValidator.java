package dev.mlship.config;

import dev.mlship.config.EvaluateSpec.GateSpec;
import dev.mlship.config.ModelSpec.SearchSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
    static final Pattern PERCENT = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)\\s*%");
    static final Set<String> DELIMITERS = Set.of(",", ";", "\t");
    static final int MIN_FOLDS = 2;
    static final int MAX_FOLDS = 100;
    /** Resampling beyond this adds nothing visible to an interval but can hold a CI job for minutes. */
    static final int MAX_BOOTSTRAP = 100_000;

    private record Problem(String keyPath, String message) {}

    private final PipelineSpec spec;
    private final LocationIndex at;
    private final List<Problem> problems = new ArrayList<>();

    private SpecValidator(Settings settings) {
        this.spec = settings.spec();
        this.at = settings.locations();
    }

    /** Throws the first problem in file order, if any. */
    public static void validate(Settings settings) {
        List<Problem> found = new SpecValidator(settings).run();
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

    private List<Problem> run() {
        checkName();
        checkData();
        checkPrepare();
        checkModel();
        checkEvaluate();
        checkPackage();
        checkPromote();
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(p -> at.nearestLine(p.keyPath())));
        return sorted;
    }

    private void report(String keyPath, String message) {
        problems.add(new Problem(keyPath, message));
    }

    private String shown(String keyPath, Object value) {
        return at.shown(keyPath, value);
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
        requireText("data.path", data.path(), "the CSV file to train on, relative to this file");
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

    private void checkModel() {
        ModelSpec model = spec.model();
        if (model == null) {
            report("model", "is required, with at least task and algorithm");
            return;
        }
        Task task = model.task();
        AlgorithmName algorithm = model.algorithm();
        if (task == null) {
            report("model.task", "is required: one of " + YamlNames.ids(Arrays.asList(Task.values())));
        }
        if (algorithm == null) {
            report("model.algorithm", "is required: one of " + algorithmsFor(task));
        }
        if (task == null || algorithm == null) {
            return;
        }
        if (!algorithm.does(task)) {
            report("model.algorithm", algorithm.id() + " does not do " + task.id() + "; algorithms for "
                    + task.id() + ": " + algorithmsFor(task));
            return;
        }
        for (Map.Entry<String, Object> param : model.params().entrySet()) {
            checkParam(algorithm, task, KeyPath.child("model.params", param.getKey()), param.getKey(), param.getValue());
        }
        if (model.search() != null) {
            checkSearch(algorithm, task, model.params(), model.search());
        }
    }

    private Optional<AlgorithmParams.Param> knownParam(AlgorithmName algorithm, Task task, String path, String name) {
        Optional<AlgorithmParams.Param> param = AlgorithmParams.find(algorithm, task, name);
        if (param.isEmpty()) {
            report(path, AlgorithmParams.unknownProblem(algorithm, task, name));
        }
        return param;
    }

    private void checkParam(AlgorithmName algorithm, Task task, String path, String name, Object value) {
        knownParam(algorithm, task, path, name).ifPresent(param -> checkValue(param, path, value));
    }

    private boolean checkValue(AlgorithmParams.Param param, String path, Object value) {
        Optional<String> problem = param.problem(value);
        problem.ifPresent(p -> report(path, p + ", got " + shown(path, value)));
        return problem.isEmpty();
    }

    private void checkSearch(AlgorithmName algorithm, Task task, Map<String, Object> params, SearchSpec search) {
        if (search.folds() != null) {
            checkFolds("model.search.folds", search.folds());
        }
        if (search.space().isEmpty()) {
            report("model.search.space", "names no parameter to search; add one such as max_depth: [3, 6],"
                    + " or remove model.search");
        }
        for (Map.Entry<String, List<Object>> entry : search.space().entrySet()) {
            String name = entry.getKey();
            String path = KeyPath.child("model.search.space", name);
            Optional<AlgorithmParams.Param> param = knownParam(algorithm, task, path, name);
            if (param.isEmpty()) {
                continue;
            }
            if (params.containsKey(name)) {
                report(path, "is also set in model.params; set it in one place only");
            }
            List<Object> values = entry.getValue();
            if (values.isEmpty()) {
                report(path, "lists no value; give at least one, as " + param.get().describe());
            }
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++) {
                String valuePath = KeyPath.element(path, i);
                Object value = values.get(i);
                if (checkValue(param.get(), valuePath, value) && !seen.add(param.get().convert(value))) {
                    report(valuePath, "lists " + shown(valuePath, value) + " twice");
                }
            }
        }
    }

    private static String algorithmsFor(Task task) {
        List<AlgorithmName> fitting = Arrays.stream(AlgorithmName.values())
                .filter(a -> task == null || a.does(task))
                .toList();
        return YamlNames.ids(fitting);
    }

    private void checkEvaluate() {
        EvaluateSpec evaluate = spec.evaluate();
        Task task = spec.model() == null ? null : spec.model().task();
        if (evaluate.primary() != null) {
            checkMetricTask("evaluate.primary", evaluate.primary(), task);
        }
        checkMetrics(evaluate.metrics(), task);
        for (Map.Entry<MetricName, GateSpec> gate : evaluate.gates().entrySet()) {
            String path = KeyPath.child("evaluate.gates", gate.getKey().id());
            checkMetricTask(path, gate.getKey(), task);
            checkGate(path, gate.getValue());
        }
        String positive = evaluate.positiveClass();
        if (positive != null && task == Task.REGRESSION) {
            report("evaluate.positive_class", "applies to classification only; the task is regression");
        } else if (positive != null && positive.isEmpty()) {
            report("evaluate.positive_class", "is empty; give the label value of the positive class");
        }
        checkFolds("evaluate.folds", evaluate.folds());
        int bootstrap = evaluate.bootstrap();
        if (bootstrap < 0 || bootstrap > MAX_BOOTSTRAP) {
            report("evaluate.bootstrap", "must be an integer in [0, " + MAX_BOOTSTRAP + "] (0 turns confidence"
                    + " intervals off), got " + shown("evaluate.bootstrap", bootstrap));
        }
    }

    private void checkMetrics(List<MetricName> metrics, Task task) {
        if (metrics == null) {
            return;
        }
        if (metrics.isEmpty()) {
            report("evaluate.metrics", "lists no metric; list at least one, or leave the key out to report every"
                    + " metric of the task");
        }
        Set<MetricName> seen = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            String path = KeyPath.element("evaluate.metrics", i);
            if (!seen.add(metrics.get(i))) {
                report(path, "lists " + metrics.get(i).id() + " twice");
            } else {
                checkMetricTask(path, metrics.get(i), task);
            }
        }
    }

    private void checkMetricTask(String path, MetricName metric, Task task) {
        if (task != null && metric.task() != task) {
            report(path, metric.id() + " is a " + metric.task().id() + " metric; metrics for " + task.id() + ": "
                    + YamlNames.ids(MetricName.of(task)));
        }
    }

    private void checkGate(String path, GateSpec gate) {
        if (gate.min() == null && gate.max() == null && gate.maxDrop() == null) {
            report(path, "sets no bound; give min, max or max_drop");
        }
        if (gate.min() != null && gate.max() != null && gate.min() > gate.max()) {
            String maxPath = path + ".max";
            report(maxPath, "is below min (" + shown(path + ".min", gate.min()) + "); no value could pass this gate");
        }
        checkMaxDrop(path + ".max_drop", gate.maxDrop());
    }

    private void checkMaxDrop(String path, Object value) {
        String allowed = "must be a non-negative number (an absolute drop) or a percentage such as \"2%\""
                + " (a drop relative to the baseline), got ";
        if (value == null) {
            return;
        }
        if (value instanceof Number n) {
            if (!Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                report(path, allowed + shown(path, value));
            }
        } else if (value instanceof String text) {
            Matcher m = PERCENT.matcher(text.strip());
            if (!m.matches()) {
                report(path, allowed + shown(path, value));
            } else if (Double.parseDouble(m.group(1)) > 100) {
                report(path, "must be a percentage from 0% to 100%, got " + shown(path, value));
            }
        } else {
            report(path, allowed + shown(path, value));
        }
    }

    private void checkFolds(String path, int folds) {
        if (folds < MIN_FOLDS || folds > MAX_FOLDS) {
            report(path, "must be an integer in [" + MIN_FOLDS + ", " + MAX_FOLDS + "], got " + shown(path, folds));
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
