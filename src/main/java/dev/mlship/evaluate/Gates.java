package dev.mlship.evaluate;

import dev.mlship.config.EvaluateSpec.GateSpec;
import dev.mlship.config.MetricName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks the absolute quality gates; {@code max_drop} needs a baseline and is not checked here. */
public final class Gates {
    private Gates() {}

    public static List<GateResult> check(Map<MetricName, GateSpec> gates, Map<MetricName, Double> values) {
        List<GateResult> out = new ArrayList<>();
        gates.forEach((metric, gate) -> {
            double value = values.get(metric);
            if (gate.min() != null) {
                out.add(new GateResult(metric, "min", gate.min(), value, value >= gate.min()));
            }
            if (gate.max() != null) {
                out.add(new GateResult(metric, "max", gate.max(), value, value <= gate.max()));
            }
        });
        return out;
    }

    /**
     * The change gates: how far each metric may move the wrong way from the baseline (lower for metrics
     * where higher is better, higher for rmse, mae, logloss, mape). {@code max_drop} is absolute, or
     * relative to the baseline when written as a percentage ("2%"); the result's value is the drop seen.
     */
    public static List<GateResult> checkChange(Map<MetricName, GateSpec> gates, Map<MetricName, Double> candidate,
            Map<MetricName, Double> baseline) {
        List<GateResult> out = new ArrayList<>();
        gates.forEach((metric, gate) -> {
            if (gate.maxDrop() == null || baseline.get(metric) == null) {
                return;
            }
            double base = baseline.get(metric);
            double drop = metric.higherIsBetter() ? base - candidate.get(metric) : candidate.get(metric) - base;
            String text = gate.maxDrop().toString().trim();
            if (text.endsWith("%")) {
                double allowed = Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100;
                double relative = base == 0 ? (drop > 0 ? Double.POSITIVE_INFINITY : 0) : drop / Math.abs(base);
                out.add(new GateResult(metric, "max_drop_relative", allowed, relative, relative <= allowed));
            } else {
                double allowed = ((Number) gate.maxDrop()).doubleValue();
                out.add(new GateResult(metric, "max_drop", allowed, drop, drop <= allowed));
            }
        });
        return out;
    }

    public static boolean allPassed(List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }
}
