package dev.mlship.serve;

import java.util.Map;

/**
 * Rows decoded from a request, column by column as the model takes them: {@code double[]} for numeric
 * inputs (NaN = missing), {@code String[]} for text inputs (the model's missing marker = missing).
 */
record Batch(Map<String, Object> columns, int rows) {}
