package dev.mlship.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hyper-parameters each algorithm takes in mlship.yaml ({@code model.params} and
 * {@code model.search.space}): names, types, ranges and defaults, with scikit-learn-like meanings.
 *
 * <p>Defaults are chosen from measurements against scikit-learn's on public datasets (docs/algorithms.md,
 * bench/defaults.sh). Worth knowing: logistic uses a small L2 penalty ({@code lambda: 0.1}) rather than none,
 * so that separable data (common after one-hot encoding) still gives finite weights. Tree depth counts
 * split levels as scikit-learn does: {@code max_depth: 1} is a single split. Leaves may hold a single row
 * ({@code min_samples_leaf: 1}, as in scikit-learn and XGBoost): a floor of 5 cost boosting and forests about
 * 0.2 R² on the small cpu_performance data. {@code mtry: 0} means scikit-learn's default, sqrt(p) features for
 * classification and every feature for regression. A single tree's caps are the forest's (depth 20, 10,000
 * leaves): depth 10 stopped it early on data of a few thousand rows. A single regression tree tries a split
 * between every two distinct values, as scikit-learn's does, not only every n / 100 rows as Smile's own
 * (see the train package's RegressionTreeSplits).
 *
 * <p>mlp: one hidden layer of 100 ReLU units as in scikit-learn's MLPClassifier, trained by mini-batch
 * SGD with momentum (Smile has no Adam); the regression target is standardised inside the model. svm:
 * an RBF kernel with C = 1 as in scikit-learn's SVC; {@code gamma: 0} means 1 / features (scikit-learn's
 * "auto"), and multiclass defaults to one-versus-one with pairwise coupling, as libsvm does. xgboost
 * takes XGBoost's own names and defaults ({@code n_estimators}, {@code learning_rate} 0.3, {@code max_depth} 6 ...);
 * {@code early_stopping_rounds: 0} turns early stopping off, otherwise {@code validation_fraction} of the
 * training rows is held out to decide when to stop.
 */
public final class AlgorithmParams {
    public enum Type {
        INTEGER,
        NUMBER,
        CHOICE,
        /** A non-empty list of integers, such as the sizes of hidden layers. */
        INTEGER_LIST
    }

    /**
     * One parameter. For numbers, {@code min}/{@code max} bound the value, each inclusive unless
     * flagged open; {@code choices} lists the words a CHOICE accepts; {@code tasks} the tasks it applies to.
     */
    public record Param(
            String name,
            Type type,
            double min,
            boolean minOpen,
            double max,
            boolean maxOpen,
            List<String> choices,
            Object defaultValue,
            Set<Task> tasks) {

        public Param {
            choices = List.copyOf(choices);
            tasks = Set.copyOf(tasks);
        }

        public boolean appliesTo(Task task) {
            return tasks.contains(task);
        }

        /** Why this value is not allowed ("must be an integer >= 1"), or empty when it is. */
        public Optional<String> problem(Object value) {
            boolean fits = switch (type) {
                case INTEGER -> asLong(value) != null && inRange(asLong(value));
                case NUMBER -> value instanceof Number n && isFinite(n) && inRange(n.doubleValue());
                case CHOICE -> value instanceof String s && choices.contains(s);
                case INTEGER_LIST -> value instanceof List<?> list && !list.isEmpty()
                        && list.stream().allMatch(v -> asLong(v) != null && inRange(asLong(v)));
            };
            return fits ? Optional.empty() : Optional.of("must be " + describe());
        }

        /** The value in its canonical type: Integer, Double or String. Call only after {@link #problem} is empty. */
        public Object convert(Object value) {
            return switch (type) {
                case INTEGER -> Math.toIntExact(asLong(value));
                case NUMBER -> ((Number) value).doubleValue();
                case CHOICE -> value;
                case INTEGER_LIST -> ((List<?>) value).stream().map(v -> Math.toIntExact(asLong(v))).toList();
            };
        }

        /** "an integer >= 1", "a number in (0, 1]", "one of qr, svd". */
        public String describe() {
            return switch (type) {
                case INTEGER -> "an integer " + bounds();
                case NUMBER -> "a number " + bounds();
                case CHOICE -> "one of " + String.join(", ", choices);
                case INTEGER_LIST -> "a list of integers " + bounds() + ", such as [64, 32]";
            };
        }

        private String bounds() {
            boolean upper = max != Double.POSITIVE_INFINITY;
            if (!upper) {
                return (minOpen ? "> " : ">= ") + format(min);
            }
            return "in " + (minOpen ? "(" : "[") + format(min) + ", " + format(max) + (maxOpen ? ")" : "]");
        }

        private boolean inRange(double v) {
            boolean aboveMin = minOpen ? v > min : v >= min;
            boolean belowMax = maxOpen ? v < max : v <= max;
            return aboveMin && belowMax;
        }

        private static Long asLong(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                long v = ((Number) value).longValue();
                return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? v : null;
            }
            return null;
        }

        private static boolean isFinite(Number n) {
            return Double.isFinite(n.doubleValue());
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static final Set<Task> ALL_TASKS = EnumSet.allOf(Task.class);
    private static final Set<Task> CLASSIFICATION = EnumSet.of(Task.CLASSIFICATION);
    private static final Set<Task> REGRESSION = EnumSet.of(Task.REGRESSION);
    private static final Map<AlgorithmName, List<Param>> PARAMS = declare();

    private AlgorithmParams() {}

    private static Map<AlgorithmName, List<Param>> declare() {
        Param splitRule = choice("split_rule", "gini", CLASSIFICATION, "gini", "entropy", "classification_error");
        Map<AlgorithmName, List<Param>> params = new EnumMap<>(AlgorithmName.class);
        params.put(AlgorithmName.LOGISTIC, List.of(
                number("lambda", 0, false, Double.POSITIVE_INFINITY, 0.1),
                integer("max_iter", 1, 500),
                number("tol", 0, true, Double.POSITIVE_INFINITY, 1e-5)));
        params.put(AlgorithmName.LINEAR, List.of(choice("method", "svd", ALL_TASKS, "qr", "svd")));
        params.put(AlgorithmName.RIDGE, List.of(number("lambda", 0, false, Double.POSITIVE_INFINITY, 1.0)));
        params.put(AlgorithmName.LASSO, List.of(
                number("lambda", 0, false, Double.POSITIVE_INFINITY, 0.1),
                number("tol", 0, true, Double.POSITIVE_INFINITY, 1e-4),
                integer("max_iter", 1, 1000)));
        params.put(AlgorithmName.ELASTIC_NET, List.of(
                number("lambda1", 0, false, Double.POSITIVE_INFINITY, 0.1),
                number("lambda2", 0, false, Double.POSITIVE_INFINITY, 0.1),
                number("tol", 0, true, Double.POSITIVE_INFINITY, 1e-4),
                integer("max_iter", 1, 1000)));
        params.put(AlgorithmName.DECISION_TREE, List.of(
                integer("max_depth", 1, 20),
                integer("max_nodes", 2, 10000),
                integer("min_samples_leaf", 1, 1),
                splitRule));
        params.put(AlgorithmName.RANDOM_FOREST, List.of(
                integer("trees", 1, 100),
                integer("max_depth", 1, 20),
                integer("max_nodes", 2, 10000),
                integer("min_samples_leaf", 1, 1),
                integer("mtry", 0, 0),
                fraction("subsample", 1.0),
                splitRule,
                choice("engine", "xgboost", ALL_TASKS, "xgboost", "smile")));
        params.put(AlgorithmName.GRADIENT_BOOSTING, List.of(
                integer("trees", 1, 100),
                integer("max_depth", 1, 3),
                integer("max_nodes", 2, 64),
                integer("min_samples_leaf", 1, 1),
                fraction("shrinkage", 0.1),
                fraction("subsample", 1.0),
                choice("loss", "least_squares", REGRESSION, "least_squares", "least_absolute_deviation", "huber")));
        params.put(AlgorithmName.MLP, List.of(
                new Param("hidden_layers", Type.INTEGER_LIST, 1, false, Double.POSITIVE_INFINITY, false, List.of(),
                        List.of(100), ALL_TASKS),
                choice("activation", "relu", ALL_TASKS, "relu", "tanh", "sigmoid"),
                number("learning_rate", 0, true, Double.POSITIVE_INFINITY, 0.01),
                new Param("momentum", Type.NUMBER, 0, false, 1, true, List.of(), 0.9, ALL_TASKS),
                number("weight_decay", 0, false, Double.POSITIVE_INFINITY, 0.0),
                integer("epochs", 1, 50),
                integer("batch_size", 1, 32)));
        params.put(AlgorithmName.SVM, List.of(
                choice("kernel", "rbf", ALL_TASKS, "rbf", "linear"),
                number("C", 0, true, Double.POSITIVE_INFINITY, 1.0),
                number("gamma", 0, false, Double.POSITIVE_INFINITY, 0.0),
                number("tol", 0, true, Double.POSITIVE_INFINITY, 1e-3),
                integer("epochs", 1, 2),
                choice("multiclass", "ovo", ALL_TASKS, "ovo", "ovr")));
        // XGBoost's own names and defaults (tree_method hist), so its documentation applies as written.
        params.put(AlgorithmName.XGBOOST, List.of(
                integer("n_estimators", 1, 100),
                integer("max_depth", 1, 6),
                integer("max_leaves", 0, 0),
                choice("grow_policy", "depthwise", ALL_TASKS, "depthwise", "lossguide"),
                number("learning_rate", 0, true, 1, 0.3),
                fraction("subsample", 1.0),
                fraction("colsample_bytree", 1.0),
                number("min_child_weight", 0, false, Double.POSITIVE_INFINITY, 1.0),
                number("reg_lambda", 0, false, Double.POSITIVE_INFINITY, 1.0),
                number("reg_alpha", 0, false, Double.POSITIVE_INFINITY, 0.0),
                number("gamma", 0, false, Double.POSITIVE_INFINITY, 0.0),
                integer("max_bin", 2, 256),
                number("scale_pos_weight", 0, true, Double.POSITIVE_INFINITY, 1.0, CLASSIFICATION),
                integer("early_stopping_rounds", 0, 0),
                new Param("validation_fraction", Type.NUMBER, 0, true, 1, true, List.of(), 0.1, ALL_TASKS)));
        return Collections.unmodifiableMap(params);
    }

    private static Param integer(String name, int min, int defaultValue) {
        return new Param(name, Type.INTEGER, min, false, Double.POSITIVE_INFINITY, false, List.of(), defaultValue, ALL_TASKS);
    }

    private static Param number(String name, double min, boolean minOpen, double max, double defaultValue) {
        return number(name, min, minOpen, max, defaultValue, ALL_TASKS);
    }

    private static Param number(String name, double min, boolean minOpen, double max, double defaultValue, Set<Task> tasks) {
        return new Param(name, Type.NUMBER, min, minOpen, max, false, List.of(), defaultValue, tasks);
    }

    /** A share in (0, 1]. */
    private static Param fraction(String name, double defaultValue) {
        return new Param(name, Type.NUMBER, 0, true, 1, false, List.of(), defaultValue, ALL_TASKS);
    }

    private static Param choice(String name, String defaultValue, Set<Task> tasks, String... choices) {
        return new Param(name, Type.CHOICE, 0, false, 0, false, List.of(choices), defaultValue, tasks);
    }

    /** The parameters of an algorithm that apply to a task, in declaration order. */
    public static List<Param> of(AlgorithmName algorithm, Task task) {
        return PARAMS.getOrDefault(algorithm, List.of()).stream().filter(p -> p.appliesTo(task)).toList();
    }

    public static Optional<Param> find(AlgorithmName algorithm, Task task, String name) {
        return of(algorithm, task).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Why a parameter name is not accepted for this algorithm and task. */
    static String unknownProblem(AlgorithmName algorithm, Task task, String name) {
        for (Param p : PARAMS.getOrDefault(algorithm, List.of())) {
            if (p.name().equals(name)) {
                Set<Task> others = EnumSet.copyOf(p.tasks());
                return "applies to " + YamlNames.ids(others) + " only, and the task is " + task.id();
            }
        }
        List<String> allowed = of(algorithm, task).stream().map(Param::name).toList();
        return "unknown parameter of " + algorithm.id() + YamlNames.didYouMean(name, allowed)
                + "; allowed: " + String.join(", ", allowed);
    }

    /**
     * Every parameter of the algorithm for the task: the given values in canonical types (Integer,
     * Double, String), the defaults for the rest. Values from a loaded {@link Settings} are already
     * validated; anything else that is wrong fails with a message naming the parameter.
     */
    public static Map<String, Object> resolve(AlgorithmName algorithm, Task task, Map<String, Object> params) {
        for (String name : params.keySet()) {
            if (find(algorithm, task, name).isEmpty()) {
                throw new ConfigException("model.params." + name + ": " + unknownProblem(algorithm, task, name));
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Param p : of(algorithm, task)) {
            Object value = params.get(p.name());
            if (value == null) {
                resolved.put(p.name(), p.defaultValue());
                continue;
            }
            Optional<String> problem = p.problem(value);
            if (problem.isPresent()) {
                throw new ConfigException("model.params." + p.name() + ": " + problem.get() + ", got " + value);
            }
            resolved.put(p.name(), p.convert(value));
        }
        return Collections.unmodifiableMap(resolved);
    }

    /** The names of every parameter declared for the algorithm, whatever the task. */
    static List<String> allNames(AlgorithmName algorithm) {
        List<String> names = new ArrayList<>();
        for (Param p : PARAMS.getOrDefault(algorithm, List.of())) {
            names.add(p.name());
        }
        return names;
    }
}
