package dev.mlship.train;

import java.util.Map;
import java.util.TreeMap;

/** Validated hyper-parameters of one model (every param of its algorithm, defaults filled in). */
public record Params(Map<String, Object> values) {
    public Params {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public int integer(String name) {
        return ((Number) get(name)).intValue();
    }

    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public int[] integers(String name) {
        return ((java.util.List<?>) get(name)).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    public String text(String name) {
        return get(name).toString();
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("param " + name + " was not resolved");
        }
        return v;
    }

    public Params with(Map<String, Object> overrides) {
        Map<String, Object> m = new TreeMap<>(values);
        m.putAll(overrides);
        return new Params(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
