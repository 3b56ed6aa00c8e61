package dev.mlship.report;

import dev.mlship.config.MetricName;
import dev.mlship.evaluate.Comparison;
import java.util.Map;

/**
 * The deployed model the candidate was compared with. No reference: this is the first model.
 * {@code comparison} is null when the baseline could not be scored on the current rows, and then
 * {@code note} says why and only its recorded metrics are shown.
 */
public record BaselineReport(
        String reference, String digest, Map<MetricName, Double> recorded, Comparison comparison, String note) {

    public static BaselineReport firstModel(String note) {
        return new BaselineReport(null, null, Map.of(), null, note);
    }

    public boolean firstModel() {
        return reference == null;
    }
}
