package dev.mlship.evaluate;

import dev.mlship.config.MetricName;

/**
 * The verdict of one quality gate: {@code rule} is "min" or "max" (the value is the metric), or
 * "max_drop" / "max_drop_relative" (the value is the drop against the baseline, absolute or a fraction),
 * or "drift" (no metric; the value is the PSI of the feature named by {@code scope}). {@code scope} is
 * null for a gate on the whole test split, the slice ("Home = rent") for a slice gate.
 */
public record GateResult(MetricName metric, String rule, double threshold, double value, boolean passed, String scope) {
    public GateResult(MetricName metric, String rule, double threshold, double value, boolean passed) {
        this(metric, rule, threshold, value, passed, null);
    }

    /** A drift gate on one feature: fails when its PSI reaches the threshold. */
    public static GateResult drift(String feature, double threshold, double psi) {
        return new GateResult(null, "drift", threshold, psi, psi < threshold, feature);
    }

    /** What the gate judges, for messages: "auc", "auc on Home = rent", "drift of Income". */
    public String name() {
        if (metric == null) {
            return "drift of " + scope;
        }
        return scope == null ? metric.id() : metric.id() + " on " + scope;
    }

    /** How far the value is on the wrong side of the threshold (0 when passed). */
    public double shortfall() {
        if (passed) {
            return 0;
        }
        return rule.equals("min") ? threshold - value : value - threshold; // max, max_drop, drift: over the limit
    }
}
