package dev.mlship.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlship.config.MetricName;
import dev.mlship.evaluate.GateResult;
import dev.mlship.evaluate.Reliability;
import dev.mlship.evaluate.Slices;
import dev.mlship.onnx.Parity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of metrics.json, a contract that later runs and outside checks read: version 1. An
 * undefined value (e.g. AUC on a split with one class) is written as null, never as NaN.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsJson(
        int version,
        String name,
        String task,
        String primary,
        Map<String, Value> metrics,
        Cv cv,
        Dataset dataset,
        List<Gate> gates,
        boolean passed,
        ParityJson parity,
        Baseline baseline,
        String algorithm,
        Map<String, Object> params,
        List<String> classes,
        int[][] confusionMatrix,
        DriftJson drift,
        List<SliceJson> slices,
        List<ImportanceJson> importance,
        Calibration calibration,
        SearchJson search) {

    public static final int VERSION = 1;

    public record Value(Double value, double[] ci) {}

    public record Cv(int folds, Map<String, Mean> metrics) {}

    public record Mean(Double mean, Double std) {}

    public record Dataset(String sha256, int rows, int trainRows, int testRows) {}

    /** The deployed model compared with: metrics on the same rows, the differences, or why not. */
    public record Baseline(
            String reference,
            String digest,
            boolean firstModel,
            String note,
            Map<String, Double> metrics,
            Map<String, Double> recorded,
            Map<String, Diff> diff,
            McNemar mcnemar) {}

    public record Diff(Double value, double[] ci, boolean significant) {}

    public record McNemar(int candidateOnly, int baselineOnly, double pValue) {}

    /**
     * {@code ties}: rows whose labels differ only on a tie; {@code rule}: the tolerance in words; {@code rows} compared
     * of {@code testRows}, {@code sampled} when they are a seeded sample of a large test split.
     */
    public record ParityJson(int rows, double labelAgreement, double maxAbsDiff, double maxRelDiff, int ties, String rule,
            int testRows, boolean sampled) {
        static ParityJson of(Parity p) {
            return new ParityJson(p.rows(), p.labelAgreement(), p.maxAbsDiff(), p.maxRelDiff(), p.tieCount(), Parity.RULE,
                    p.testRows(), p.sampled());
        }
    }

    /** {@code metric} is "psi" for a drift gate; {@code scope} the feature (drift) or the slice, absent for the whole split. */
    /** Absent when the baseline has no training statistics (or there is no baseline). */
    public record DriftJson(String method, double threshold, Map<String, FeatureDrift> features, Map<String, String> skipped) {}

    public record FeatureDrift(double statistic, boolean drifted) {}

    /** One slice; {@code baseline} is null without a baseline scored on these rows, {@code diff} also for an unjudged slice. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SliceJson(String column, String value, int rows, boolean judged, Map<String, Double> metrics,
            Map<String, Double> baseline, Map<String, Diff> diff) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ImportanceJson(String feature, Double importance, Double baseline) {}

    /** Reliability tables of this model and the baseline (absent when not scored on these rows). */
    public record Calibration(List<Reliability.Bin> reliability, List<Reliability.Bin> baseline) {}

    /**
     * {@code algorithm: auto}'s search. No wall-clock time here: two runs with the same inputs write the same bytes
     * (seconds per candidate are in model-card.json). {@code stopped_early}: the wall-clock cap ended it.
     */
    public record SearchJson(String method, String metric, int trials, int rungs, int evaluations, boolean stoppedEarly,
            List<LeaderboardJson> leaderboard) {
        static SearchJson of(dev.mlship.train.Leaderboard board) {
            List<LeaderboardJson> rows = new java.util.ArrayList<>();
            for (var e : board.entries()) {
                var cv = e.primary(board.primary());
                rows.add(new LeaderboardJson(rows.size() + 1, e.candidate().trial(), e.candidate().algorithm().id(),
                        e.candidate().params().values(), finite(cv.mean()), finite(cv.std()), e.rows(), e.folds(), e.rung() + 1,
                        e.failure()));
            }
            return new SearchJson("auto", board.primary().id(), board.trials(), board.rungs(), board.evaluations(),
                    board.stoppedEarly(), rows);
        }
    }

    /**
     * One candidate at the highest rung it reached (1-based): its CV mean and std of the primary metric there, on
     * {@code rows} training rows per fold and {@code folds} folds. {@code trial}: its place in the order tried.
     */
    public record LeaderboardJson(int rank, int trial, String algorithm, Map<String, Object> params, Double mean, Double std,
            int rows, int folds, int rung, String failure) {}

    public record Gate(String metric, String rule, double threshold, Double value, boolean passed, String scope) {}

    public static MetricsJson of(RunReport r) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        for (MetricName m : r.metrics()) {
            metrics.put(m.id(), new Value(finite(r.test().get(m)), r.intervals().get(m)));
        }
        Map<String, Mean> cv = new LinkedHashMap<>();
        r.search().winner().cv().forEach((m, s) -> cv.put(m.id(), new Mean(finite(s.mean()), finite(s.std()))));
        var d = r.dataset();
        return new MetricsJson(
                VERSION,
                r.name(),
                r.task().id(),
                r.primary().id(),
                metrics,
                new Cv(r.search().folds(), cv),
                new Dataset(d.sha256(), d.rows(), d.trainRows(), d.testRows()),
                r.gates().stream().map(MetricsJson::gate).toList(),
                r.gatesPassed(),
                ParityJson.of(r.parity()),
                baseline(r.baseline()),
                r.algorithm().id(),
                r.params().values(),
                r.classes(),
                r.confusion(),
                drift(r.analysis()),
                r.analysis().slices().isEmpty() ? null : r.analysis().slices().stream().map(MetricsJson::slice).toList(),
                r.analysis().importance().stream().map(i -> new ImportanceJson(i.feature(), finite(i.importance()),
                        finite(i.baseline()))).toList(),
                r.analysis().reliability() == null ? null : new Calibration(r.analysis().reliability().bins(),
                        r.analysis().baselineReliability() == null ? null : r.analysis().baselineReliability().bins()),
                r.search().leaderboard() == null ? null : SearchJson.of(r.search().leaderboard()));
    }

    private static DriftJson drift(Analysis a) {
        if (a.drift() == null) {
            return null;
        }
        Map<String, FeatureDrift> features = new LinkedHashMap<>();
        a.drift().features().forEach((f, d) -> features.put(f, new FeatureDrift(d.statistic(), d.drifted())));
        return new DriftJson(a.drift().method(), a.drift().threshold(), features,
                a.drift().skipped().isEmpty() ? null : a.drift().skipped());
    }

    private static SliceJson slice(Slices.Slice s) {
        return new SliceJson(s.column(), s.value(), s.rows(), s.judged(), ids(s.metrics()),
                s.baseline() == null ? null : ids(s.baseline()), s.diff() == null ? null : diffs(s.diff()));
    }

    private static Map<String, Double> ids(Map<MetricName, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((m, v) -> out.put(m.id(), finite(v)));
        return out;
    }

    private static Map<String, Diff> diffs(Map<MetricName, dev.mlship.evaluate.Comparison.Diff> values) {
        Map<String, Diff> out = new LinkedHashMap<>();
        values.forEach((m, d) -> out.put(m.id(), new Diff(finite(d.value()), d.ci(), d.significant())));
        return out;
    }

    private static Baseline baseline(BaselineReport b) {
        Map<String, Double> recorded = new LinkedHashMap<>();
        b.recorded().forEach((m, v) -> recorded.put(m.id(), finite(v)));
        var c = b.comparison();
        Map<String, Double> metrics = null;
        Map<String, Diff> diff = null;
        McNemar mcnemar = null;
        if (c != null) {
            metrics = new LinkedHashMap<>();
            diff = new LinkedHashMap<>();
            for (var e : c.baseline().entrySet()) {
                metrics.put(e.getKey().id(), finite(e.getValue()));
            }
            for (var e : c.diffs().entrySet()) {
                diff.put(e.getKey().id(), new Diff(finite(e.getValue().value()), e.getValue().ci(), e.getValue().significant()));
            }
            if (c.mcnemar() != null) {
                mcnemar = new McNemar(c.mcnemar().candidateOnly(), c.mcnemar().baselineOnly(), c.mcnemar().pValue());
            }
        }
        return new Baseline(b.reference(), b.digest(), b.firstModel(), b.note(), metrics, recorded.isEmpty() ? null : recorded,
                diff, mcnemar);
    }

    private static Gate gate(GateResult g) {
        return new Gate(g.metric() == null ? "psi" : g.metric().id(), g.rule(), g.threshold(), finite(g.value()), g.passed(), g.scope());
    }

    static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
