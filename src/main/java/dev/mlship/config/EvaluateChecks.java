package dev.mlship.config;

import dev.mlship.config.EvaluateSpec.GateSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of the `evaluate` section: metrics of the task, gate bounds, fold and resample counts. */
final class EvaluateChecks {
    static final Pattern PERCENT = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)\\s*%");
    static final int MIN_FOLDS = 2;
    static final int MAX_FOLDS = 100;
    /** Resampling beyond this adds nothing visible to an interval but can hold a CI job for minutes. */
    static final int MAX_BOOTSTRAP = 100_000;

    private final Problems problems;

    EvaluateChecks(Problems problems) {
        this.problems = problems;
    }

    /** {@code task} is null when the model section lacks it; task-dependent checks are then skipped. */
    void check(EvaluateSpec evaluate, Task task) {
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
            problems.add("evaluate.positive_class", "applies to classification only; the task is regression");
        } else if (positive != null && positive.isEmpty()) {
            problems.add("evaluate.positive_class", "is empty; give the label value of the positive class");
        }
        checkFolds(problems, "evaluate.folds", evaluate.folds());
        checkDrift(evaluate.drift());
        checkSlices(evaluate);
        for (Map.Entry<MetricName, EvaluateSpec.SliceGateSpec> gate : evaluate.sliceGates().entrySet()) {
            String path = KeyPath.child("evaluate.slice_gates", gate.getKey().id());
            checkMetricTask(path, gate.getKey(), task);
            checkGate(path, gate.getValue().asGate());
        }
        int bootstrap = evaluate.bootstrap();
        if (bootstrap < 0 || bootstrap > MAX_BOOTSTRAP) {
            problems.add("evaluate.bootstrap", "must be an integer in [0, " + MAX_BOOTSTRAP + "] (0 turns confidence"
                    + " intervals off), got " + problems.shown("evaluate.bootstrap", bootstrap));
        }
    }

    private void checkDrift(EvaluateSpec.DriftSpec drift) {
        double t = drift.threshold();
        if (!Double.isFinite(t) || t <= 0) {
            problems.add("evaluate.drift.threshold", "must be a positive number (the PSI at which a feature counts as"
                    + " drifted; 0.1 is moderate, 0.2 the default, 0.25 major), got "
                    + problems.shown("evaluate.drift.threshold", t));
        }
        checkNames("evaluate.drift.ignore", drift.ignore());
        checkNames("evaluate.drift.gate", drift.gate());
        for (int i = 0; i < drift.gate().size(); i++) {
            if (drift.ignore().contains(drift.gate().get(i))) {
                problems.add(KeyPath.element("evaluate.drift.gate", i), "'" + drift.gate().get(i)
                        + "' is also in evaluate.drift.ignore; a feature cannot be both gated and ignored");
            }
        }
    }

    private void checkNames(String path, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank()) {
                problems.add(KeyPath.element(path, i), "is empty; give a feature column's name");
            } else if (!seen.add(names.get(i))) {
                problems.add(KeyPath.element(path, i), "lists '" + names.get(i) + "' twice");
            }
        }
    }

    private void checkSlices(EvaluateSpec evaluate) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < evaluate.slices().size(); i++) {
            EvaluateSpec.SliceSpec slice = evaluate.slices().get(i);
            String path = KeyPath.element("evaluate.slices", i);
            if (slice.column() == null || slice.column().isBlank()) {
                problems.add(path, "names no column; write the column's name, or {column: NAME, bins: [EDGES]}");
                continue;
            }
            if (!seen.add(slice.column())) {
                problems.add(path, "slices '" + slice.column() + "' twice");
            }
            List<Double> bins = slice.bins();
            if (bins != null && bins.isEmpty()) {
                problems.add(path + ".bins", "lists no edge; give ascending numbers, e.g. [30, 50]");
            }
            for (int b = 1; bins != null && b < bins.size(); b++) {
                if (!(bins.get(b) > bins.get(b - 1))) {
                    problems.add(KeyPath.element(path + ".bins", b), "must be above the edge before it ("
                            + bins.get(b - 1) + "); edges are ascending");
                }
            }
        }
        int min = evaluate.sliceMinRows();
        if (min < 1) {
            problems.add("evaluate.slice_min_rows", "must be a positive integer, got " + problems.shown("evaluate.slice_min_rows", min));
        }
    }

    private void checkMetrics(List<MetricName> metrics, Task task) {
        if (metrics == null) {
            return;
        }
        if (metrics.isEmpty()) {
            problems.add("evaluate.metrics", "lists no metric; list at least one, or leave the key out to report every"
                    + " metric of the task");
        }
        Set<MetricName> seen = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            String path = KeyPath.element("evaluate.metrics", i);
            if (!seen.add(metrics.get(i))) {
                problems.add(path, "lists " + metrics.get(i).id() + " twice");
            } else {
                checkMetricTask(path, metrics.get(i), task);
            }
        }
    }

    private void checkMetricTask(String path, MetricName metric, Task task) {
        if (task != null && metric.task() != task) {
            problems.add(path, metric.id() + " is a " + metric.task().id() + " metric; metrics for " + task.id() + ": "
                    + YamlNames.ids(MetricName.of(task)));
        }
    }

    private void checkGate(String path, GateSpec gate) {
        if (gate.min() == null && gate.max() == null && gate.maxDrop() == null) {
            problems.add(path, "sets no bound; give min, max" + (path.startsWith("evaluate.slice_gates") ? "" : " or max_drop"));
        }
        if (gate.min() != null && gate.max() != null && gate.min() > gate.max()) {
            String maxPath = path + ".max";
            problems.add(maxPath, "is below min (" + problems.shown(path + ".min", gate.min()) + "); no value could pass this gate");
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
                problems.add(path, allowed + problems.shown(path, value));
            }
        } else if (value instanceof String text) {
            Matcher m = PERCENT.matcher(text.strip());
            if (!m.matches()) {
                problems.add(path, allowed + problems.shown(path, value));
            } else if (Double.parseDouble(m.group(1)) > 100) {
                problems.add(path, "must be a percentage from 0% to 100%, got " + problems.shown(path, value));
            }
        } else {
            problems.add(path, allowed + problems.shown(path, value));
        }
    }

    static void checkFolds(Problems problems, String path, int folds) {
        if (folds < MIN_FOLDS || folds > MAX_FOLDS) {
            problems.add(path, "must be an integer in [" + MIN_FOLDS + ", " + MAX_FOLDS + "], got "
                    + problems.shown(path, folds));
        }
    }
}
