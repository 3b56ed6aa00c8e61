package dev.mlship.evaluate;

import dev.mlship.config.MetricName;

/** The verdict of one quality gate: {@code rule} is "min" or "max". */
public record GateResult(MetricName metric, String rule, double threshold, double value, boolean passed) {
    /** How far the value is on the wrong side of the threshold (0 when passed). */
    public double shortfall() {
        if (passed) {
            return 0;
        }
        return rule.equals("min") ? threshold - value : value - threshold;
    }
}
