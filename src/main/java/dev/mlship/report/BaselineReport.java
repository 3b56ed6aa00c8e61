package dev.mlship.report;

import dev.mlship.config.MetricName;
import dev.mlship.evaluate.Comparison;
import java.util.Map;

/**
 * The deployed model the candidate was compared with. No reference: this is the first model.
 * {@code comparison} is null when the baseline could not be scored on the current rows, and then
 * {@code note} says why and only its recorded metrics are shown. {@code dataSha256} is the fingerprint of
 * the data it was trained on and {@code columns} its input columns by name ("numeric" or "categorical"),
 * each null when unknown.
 */
public record BaselineReport(
        String reference, String digest, Map<MetricName, Double> recorded, Comparison comparison, String note,
        String dataSha256, Map<String, String> columns) {

    public static BaselineReport firstModel(String note) {
        return new BaselineReport(null, null, Map.of(), null, note, null, null);
    }

    public boolean firstModel() {
        return reference == null;
    }
}
