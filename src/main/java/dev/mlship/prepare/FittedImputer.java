package dev.mlship.prepare;

import java.util.Map;

/** Fill values learned from the training rows: one per numeric and per categorical feature. */
public record FittedImputer(Map<String, Double> numericFill, Map<String, String> categoricalFill) {
    public FittedImputer {
        numericFill = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numericFill));
        categoricalFill = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categoricalFill));
    }

    public double fill(String column, double value) {
        return Double.isNaN(value) ? numericFill.get(column) : value;
    }

    public String fill(String column, String value) {
        return value == null ? categoricalFill.get(column) : value;
    }
}
