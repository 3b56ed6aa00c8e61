package dev.mlship.config;

import java.util.List;
import java.util.Map;

/**
 * The `evaluate` section. {@code primary} null means the task's default (auc / rmse); {@code metrics}
 * null means every metric of the task; {@code folds} is the CV fold count when no search is declared.
 */
public record EvaluateSpec(
        MetricName primary,
        List<MetricName> metrics,
        Map<MetricName, GateSpec> gates,
        String positiveClass,
        Integer folds,
        Integer bootstrap) {

    public static final EvaluateSpec DEFAULT = new EvaluateSpec(null, null, null, null, null, null);

    public EvaluateSpec {
        metrics = metrics == null ? null : List.copyOf(metrics);
        // Insertion order kept: gates are reported in the order the file lists them.
        gates = gates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gates));
        folds = folds == null ? 5 : folds;
        bootstrap = bootstrap == null ? 1000 : bootstrap;
    }

    /**
     * One quality gate. {@code maxDrop} compares with the deployed baseline: a number (absolute) or a
     * percentage string such as "2%" (relative).
     */
    public record GateSpec(Double min, Double max, Object maxDrop) {}
}
