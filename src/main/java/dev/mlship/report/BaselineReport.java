package dev.mlship.report;

import dev.mlship.config.MetricName;
import dev.mlship.evaluate.Comparison;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.TrainingStatistics;
import java.util.Map;

/**
 * The deployed model the candidate was compared with. No reference: this is the first model.
 * {@code comparison} is null when the baseline could not be scored on the current rows, and then
 * {@code note} says why and only its recorded metrics are shown. {@code dataSha256} is the fingerprint of
 * the data it was trained on and {@code columns} its input columns by name ("numeric" or "categorical"),
 * each null when unknown. {@code predictions} are its outputs on the current test rows (with the
 * comparison), {@code statistics} its training statistics (null when it has none) and {@code importance}
 * its permutation importance on the current test rows (null when it could not be scored).
 */
public record BaselineReport(
        String reference, String digest, Map<MetricName, Double> recorded, Comparison comparison, String note,
        String dataSha256, Map<String, String> columns, Predictions predictions, TrainingStatistics statistics,
        Map<String, Double> importance) {

    public BaselineReport(String reference, String digest, Map<MetricName, Double> recorded, Comparison comparison, String note,
            String dataSha256, Map<String, String> columns, TrainingStatistics statistics) {
        this(reference, digest, recorded, comparison, note, dataSha256, columns, null, statistics, null);
    }

    public static BaselineReport firstModel(String note) {
        return new BaselineReport(null, null, Map.of(), null, note, null, null, null, null, null);
    }

    public boolean firstModel() {
        return reference == null;
    }
}
