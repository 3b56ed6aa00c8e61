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

    public static boolean allPassed(List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }
}
