package dev.mlship.evaluate;

import dev.mlship.config.MetricName;

/**
 * The verdict of one quality gate: {@code rule} is "min" or "max" (the value is the metric), or
 * "max_drop" / "max_drop_relative" (the value is the drop against the baseline, absolute or a fraction).
 */
public record GateResult(MetricName metric, String rule, double threshold, double value, boolean passed) {
    /** How far the value is on the wrong side of the threshold (0 when passed). */
    public double shortfall() {
        if (passed) {
            return 0;
        }
        return rule.equals("min") ? threshold - value : value - threshold; // max and max_drop: over the limit
    }
}
