package dev.mlship.config;

import dev.mlship.config.ModelSpec.SearchSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks of the `model` section: the task, an algorithm that does it, its params and search space. */
final class ModelChecks {
    private final Problems problems;

    ModelChecks(Problems problems) {
        this.problems = problems;
    }

    void check(ModelSpec model) {
        if (model == null) {
            problems.add("model", "is required, with at least task and algorithm");
            return;
        }
        Task task = model.task();
        AlgorithmName algorithm = model.algorithm();
        if (task == null) {
            problems.add("model.task", "is required: one of " + YamlNames.ids(Arrays.asList(Task.values())));
        }
        if (algorithm == null) {
            problems.add("model.algorithm", "is required: one of " + algorithmsFor(task));
        }
        if (model.auto() != null && algorithm != AlgorithmName.AUTO) {
            problems.add("model.auto", "is the budget of algorithm: auto; remove it or set algorithm: auto");
        }
        if (task == null || algorithm == null) {
            return;
        }
        if (algorithm == AlgorithmName.AUTO) {
            checkAuto(model);
            return;
        }
        if (!algorithm.does(task)) {
            problems.add("model.algorithm", algorithm.id() + " does not do " + task.id() + "; algorithms for "
                    + task.id() + ": " + algorithmsFor(task));
            return;
        }
        for (Map.Entry<String, Object> param : model.params().entrySet()) {
            checkParam(algorithm, task, KeyPath.child("model.params", param.getKey()), param.getKey(), param.getValue());
        }
        if (model.search() != null) {
            checkSearch(algorithm, task, model.params(), model.search());
        }
        if (algorithm == AlgorithmName.SVM) {
            checkGammaHasAKernel(model);
        }
    }

    /** auto chooses the learner and its params itself; its budget must allow at least one candidate. */
    private void checkAuto(ModelSpec model) {
        if (!model.params().isEmpty()) {
            problems.add("model.params", "auto chooses the params itself; remove model.params, or name an algorithm"
                    + " to fix them");
        }
        if (model.search() != null) {
            problems.add("model.search", "auto runs its own search (budget in model.auto: {trials, max_seconds});"
                    + " remove model.search, or name an algorithm to search its params");
        }
        ModelSpec.AutoSpec auto = model.auto();
        if (auto == null) {
            return;
        }
        if (auto.trials() != null && (auto.trials() < 1 || auto.trials() > ModelSpec.AutoSpec.MAX_TRIALS)) {
            problems.add("model.auto.trials", "must be an integer from 1 to " + ModelSpec.AutoSpec.MAX_TRIALS
                    + " (candidates to try), got " + problems.shown("model.auto.trials", auto.trials()));
        }
        if (auto.maxSeconds() != null && !(auto.maxSeconds() >= 1 && auto.maxSeconds() <= 604_800)) {
            // Below a second not even the cheapest candidate's first fold fits (the data alone takes longer).
            problems.add("model.auto.max_seconds", "must be a number of seconds from 1 to 604800, or left out for a"
                    + " search that depends on trials only, got " + problems.shown("model.auto.max_seconds", auto.maxSeconds()));
        }
    }

    /** gamma shapes the RBF kernel only: with kernel fixed to linear it would be silently ignored. */
    private void checkGammaHasAKernel(ModelSpec model) {
        Object kernel = model.params().get("kernel");
        boolean linearOnly = "linear".equals(kernel) || (kernel == null && model.search() != null
                && model.search().space().get("kernel") instanceof List<?> kernels && List.of("linear").equals(kernels));
        if (!linearOnly) {
            return;
        }
        if (model.params().containsKey("gamma")) {
            problems.add("model.params.gamma", "applies to kernel: rbf only; remove it or set kernel: rbf");
        } else if (model.search() != null && model.search().space().containsKey("gamma")) {
            problems.add("model.search.space.gamma", "applies to kernel: rbf only; remove it or search kernel: [rbf]");
        }
    }

    private Optional<AlgorithmParams.Param> knownParam(AlgorithmName algorithm, Task task, String path, String name) {
        Optional<AlgorithmParams.Param> param = AlgorithmParams.find(algorithm, task, name);
        if (param.isEmpty()) {
            problems.add(path, AlgorithmParams.unknownProblem(algorithm, task, name));
        }
        return param;
    }

    private void checkParam(AlgorithmName algorithm, Task task, String path, String name, Object value) {
        knownParam(algorithm, task, path, name).ifPresent(param -> checkValue(param, path, value));
    }

    private boolean checkValue(AlgorithmParams.Param param, String path, Object value) {
        Optional<String> problem = param.problem(value);
        problem.ifPresent(p -> problems.add(path, p + ", got " + problems.shown(path, value)));
        return problem.isEmpty();
    }

    private void checkSearch(AlgorithmName algorithm, Task task, Map<String, Object> params, SearchSpec search) {
        if (search.folds() != null) {
            EvaluateChecks.checkFolds(problems, "model.search.folds", search.folds());
        }
        if (search.space().isEmpty()) {
            problems.add("model.search.space", "names no parameter to search; add one such as max_depth: [3, 6],"
                    + " or remove model.search");
        }
        boolean random = search.method() == SearchSpec.Method.RANDOM;
        if (search.trials() != null && !random) {
            problems.add("model.search.trials", "is for method: random; a grid tries every combination");
        } else if (search.trials() != null && (search.trials() < 1 || search.trials() > 10_000)) {
            problems.add("model.search.trials", "must be an integer from 1 to 10000, got " + search.trials());
        }
        for (Map.Entry<String, Object> entry : search.space().entrySet()) {
            String name = entry.getKey();
            String path = KeyPath.child("model.search.space", name);
            Optional<AlgorithmParams.Param> param = knownParam(algorithm, task, path, name);
            if (param.isEmpty()) {
                continue;
            }
            if (params.containsKey(name)) {
                problems.add(path, "is also set in model.params; set it in one place only");
            }
            if (entry.getValue() instanceof Map<?, ?> range) {
                checkRange(param.get(), path, range, random);
                continue;
            }
            if (!(entry.getValue() instanceof List<?> list)) {
                problems.add(path, "expected a list of values" + (random ? " or a range {min, max, log}" : "")
                        + ", got " + problems.shown(path, entry.getValue()));
                continue;
            }
            List<?> values = list;
            if (values.isEmpty()) {
                problems.add(path, "lists no value; give at least one, as " + param.get().describe());
            }
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++) {
                String valuePath = KeyPath.element(path, i);
                Object value = values.get(i);
                if (checkValue(param.get(), valuePath, value) && !seen.add(param.get().convert(value))) {
                    problems.add(valuePath, "lists " + problems.shown(valuePath, value) + " twice");
                }
            }
        }
    }

    /** A range {min, max, log} to draw from: random search only, numeric params only, within their bounds. */
    private void checkRange(AlgorithmParams.Param param, String path, Map<?, ?> range, boolean random) {
        if (!random) {
            problems.add(path, "a range is for method: random; a grid needs a list of values");
            return;
        }
        if (param.type() == AlgorithmParams.Type.CHOICE || param.type() == AlgorithmParams.Type.INTEGER_LIST) {
            problems.add(path, "takes a list of values (" + param.describe() + "), not a range");
            return;
        }
        for (Object key : range.keySet()) {
            if (!List.of("min", "max", "log").contains(String.valueOf(key))) {
                problems.add(KeyPath.child(path, String.valueOf(key)), "unknown key; allowed keys in a range: min, max, log");
            }
        }
        Object min = range.get("min");
        Object max = range.get("max");
        Object log = range.get("log");
        if (min == null || max == null) {
            problems.add(path, "a range needs min and max");
            return;
        }
        boolean ok = checkValue(param, KeyPath.child(path, "min"), min) & checkValue(param, KeyPath.child(path, "max"), max);
        if (log != null && !(log instanceof Boolean)) {
            problems.add(KeyPath.child(path, "log"), "expected true or false, got " + problems.shown(KeyPath.child(path, "log"), log));
        }
        if (!ok) {
            return;
        }
        double lo = ((Number) min).doubleValue();
        double hi = ((Number) max).doubleValue();
        if (lo >= hi) {
            problems.add(path, "min must be below max, got min " + min + " and max " + max);
        } else if (Boolean.TRUE.equals(log) && lo <= 0) {
            problems.add(KeyPath.child(path, "min"), "must be above 0 for a log range, got " + min);
        }
    }

    private static String algorithmsFor(Task task) {
        List<AlgorithmName> fitting = Arrays.stream(AlgorithmName.values())
                .filter(a -> task == null || a.acceptedFor(task))
                .toList();
        return YamlNames.ids(fitting);
    }
}
