package dev.mlship.report;

import dev.mlship.evaluate.Drift;
import dev.mlship.evaluate.Reliability;
import dev.mlship.evaluate.RocCurve;
import dev.mlship.evaluate.Slices;
import dev.mlship.evaluate.TrainingStatistics;
import java.util.List;

/**
 * What the review needs beyond the metric table: the training statistics (statistics.json), data drift
 * against the baseline (null with {@code driftNote} saying why), the reliability table and ROC curve of
 * both models (null where the task or the baseline has none), permutation importance (highest first) and
 * the slices.
 */
public record Analysis(
        TrainingStatistics statistics,
        Drift.Report drift,
        String driftNote,
        Reliability reliability,
        Reliability baselineReliability,
        RocCurve roc,
        RocCurve baselineRoc,
        List<Importance> importance,
        List<Slices.Slice> slices) {

    /** A feature's permutation importance for this model and for the baseline (null: not measured there). */
    public record Importance(String feature, double importance, Double baseline) {}
}
