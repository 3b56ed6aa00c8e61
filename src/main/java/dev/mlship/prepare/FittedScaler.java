package dev.mlship.prepare;

import java.util.Map;

/**
 * Per numeric feature: {@code (x - center) / scale}. Standard scaling centres on the mean and divides
 * by the population standard deviation; min-max on the minimum and the range; none is (0, 1).
 */
public record FittedScaler(Map<String, Double> center, Map<String, Double> scale) {
    public FittedScaler {
        center = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(center));
        scale = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scale));
    }

    public double apply(String column, double value) {
        return (value - center.get(column)) / scale.get(column);
    }
}
