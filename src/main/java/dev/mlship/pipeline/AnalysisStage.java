package dev.mlship.pipeline;

import dev.mlship.config.EvaluateSpec;
import dev.mlship.config.MetricName;
import dev.mlship.config.Settings;
import dev.mlship.evaluate.Drift;
import dev.mlship.evaluate.GateResult;
import dev.mlship.evaluate.PermutationImportance;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Reliability;
import dev.mlship.evaluate.RocCurve;
import dev.mlship.evaluate.Slices;
import dev.mlship.evaluate.Target;
import dev.mlship.evaluate.TrainingStatistics;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.report.Analysis;
import dev.mlship.report.BaselineReport;
import dev.mlship.train.FittedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What changed beyond the metrics: data drift against the baseline's training statistics, calibration,
 * permutation importance and slices, for this model and the baseline on the same rows. Its drift and slice
 * gates join the quality gates.
 */
final class AnalysisStage {
    private AnalysisStage() {}

    record Analyzed(Analysis analysis, List<GateResult> gates) {}

    static Analyzed run(Settings settings, PreparedData data, FittedPreprocessor prep, FittedModel model, Predictions candidate,
            BaselineReport baseline, MetricName primary, StageLog log) {
        EvaluateSpec spec = settings.spec().evaluate();
        long seed = settings.spec().data().split().seed();
        List<GateResult> gates = new ArrayList<>();

        TrainingStatistics statistics = log.timed("statistics", () -> TrainingStatistics.of(data.train(), data.features()));
        Drift.Report drift = null;
        String driftNote;
        if (baseline.firstModel()) {
            driftNote = "no baseline to compare the data with";
        } else if (baseline.statistics() == null) {
            driftNote = "the baseline carries no training statistics (statistics.json)";
        } else {
            driftNote = null;
            drift = log.timed("drift", () -> Drift.of(baseline.statistics(), data.train(), data.features(),
                    spec.drift().threshold(), new HashSet<>(spec.drift().ignore())));
            List<String> drifted = drift.drifted();
            log.info(drifted.isEmpty() ? "no feature drifted (PSI < " + spec.drift().threshold() + ")"
                    : drifted.size() + " feature(s) drifted (PSI ≥ " + spec.drift().threshold() + "): " + String.join(", ", drifted));
            for (String feature : spec.drift().gate()) {
                Drift.FeatureDrift d = drift.features().get(feature);
                if (d != null) {
                    GateResult g = GateResult.drift(feature, spec.drift().threshold(), d.statistic());
                    gates.add(g);
                    if (!g.passed()) {
                        log.warn("gate drift of " + feature + " failed: PSI " + String.format(java.util.Locale.ROOT, "%.4f", d.statistic())
                                + " ≥ " + spec.drift().threshold());
                    }
                }
            }
        }
        if (driftNote != null) {
            log.info("data drift is not measured: " + driftNote);
        }

        Target truth = data.testTarget();
        Predictions base = baseline.predictions();
        Reliability reliability = null;
        Reliability baseReliability = null;
        RocCurve roc = null;
        RocCurve baseRoc = null;
        if (truth instanceof Target.Classes t && t.count() == 2) {
            reliability = Reliability.of(t, (Predictions.Classes) candidate);
            roc = RocCurve.of(t, (Predictions.Classes) candidate);
            if (base instanceof Predictions.Classes b) {
                baseReliability = Reliability.of(t, b);
                baseRoc = RocCurve.of(t, b);
            }
        } else if (truth instanceof Target.Values v) {
            reliability = Reliability.of(v.values(), ((Predictions.Values) candidate).values());
            if (base instanceof Predictions.Values b) {
                baseReliability = Reliability.of(v.values(), b.values());
            }
        }

        Map<String, Double> own = log.timed("importance", () -> PermutationImportance.of(
                table -> model.predict(prep, table), data.test(), truth, data.features(), primary, seed));
        List<Analysis.Importance> importance = new ArrayList<>();
        own.forEach((f, v) -> importance.add(new Analysis.Importance(f, v,
                baseline.importance() == null ? null : baseline.importance().get(f))));
        importance.sort(Comparator.comparingDouble((Analysis.Importance i) -> Double.isNaN(i.importance())
                ? Double.NEGATIVE_INFINITY : i.importance()).reversed());

        List<Slices.Slice> slices = List.of();
        if (!spec.slices().isEmpty()) {
            LinkedHashSet<MetricName> sliceMetrics = new LinkedHashSet<>();
            sliceMetrics.add(primary);
            sliceMetrics.addAll(spec.gates().keySet());
            sliceMetrics.addAll(spec.sliceGates().keySet());
            slices = log.timed("slices", () -> Slices.of(spec.slices(), data.test(), truth, candidate, base,
                    List.copyOf(sliceMetrics), spec.sliceMinRows(), Math.min(spec.bootstrap(), Slices.MAX_RESAMPLES), seed));
            List<GateResult> sliceGates = Slices.gates(spec.sliceGates(), slices);
            sliceGates.stream().filter(g -> !g.passed()).forEach(g -> log.warn("gate " + g.name() + " " + g.rule() + " "
                    + g.threshold() + " failed: value " + g.value()));
            gates.addAll(sliceGates);
        }
        return new Analyzed(new Analysis(statistics, drift, driftNote, reliability, baseReliability, roc, baseRoc,
                List.copyOf(importance), slices), gates);
    }
}
