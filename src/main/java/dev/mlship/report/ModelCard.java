package dev.mlship.report;

import dev.mlship.Version;
import dev.mlship.prepare.FittedOneHot;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.train.Candidate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * model-card.json: the provenance of a model (data, params, search, versions, commit, timings), so a
 * model can be explained before it is promoted.
 */
public record ModelCard(
        String name,
        String mlshipVersion,
        Map<String, String> libraries,
        String gitCommit,
        RunReport.DatasetInfo data,
        Model model,
        Onnx onnx,
        Preparation preparation,
        Search search,
        Map<String, Long> timingsMs,
        List<String> notices,
        Behaviour behaviour) {

    /**
     * How the model behaves on its test rows, for a reader deciding on it: the features it relies on (permutation
     * importance, highest first), the features whose data drifted from the baseline's (null when not measured),
     * its reliability table, and the slices that fail a slice gate.
     */
    public record Behaviour(String trainingStatistics, List<MetricsJson.ImportanceJson> importance, List<String> drifted,
            List<dev.mlship.evaluate.Reliability.Bin> reliability, List<String> failedSlices) {
        static Behaviour of(RunReport r) {
            Analysis a = r.analysis();
            return new Behaviour("statistics.json",
                    a.importance().stream().map(i -> new MetricsJson.ImportanceJson(i.feature(), MetricsJson.finite(i.importance()),
                            MetricsJson.finite(i.baseline()))).toList(),
                    a.drift() == null ? null : a.drift().drifted(),
                    a.reliability() == null ? null : a.reliability().bins(),
                    r.gates().stream().filter(g -> g.scope() != null && g.metric() != null && !g.passed())
                            .map(dev.mlship.evaluate.GateResult::name).distinct().toList());
        }
    }

    /** The exported file and how closely ONNX Runtime reproduced the trained model on the test rows. */
    public record Onnx(String file, String sha256, long bytes, int parityRows, double labelAgreement, double maxAbsDiff,
            double maxRelDiff, int ties) {}

    public record Model(String task, String algorithm, Map<String, Object> params, long seed, List<String> classes) {}

    public record Preparation(
            Map<String, Double> numericFill,
            Map<String, String> categoricalFill,
            Map<String, List<String>> categories,
            List<String> categoriesWithOther,
            Map<String, Double> scaleCenter,
            Map<String, Double> scaleFactor,
            List<String> outputFeatures) {

        static Preparation of(FittedPreprocessor p) {
            Map<String, List<String>> categories = new LinkedHashMap<>();
            for (FittedOneHot e : p.encoders()) {
                categories.put(e.column(), e.categories());
            }
            List<String> other = p.encoders().stream().filter(FittedOneHot::hasOther).map(FittedOneHot::column).toList();
            return new Preparation(p.imputer().numericFill(), p.imputer().categoricalFill(), categories, other,
                    p.scaler().center(), p.scaler().scale(), p.outputNames());
        }
    }

    /** {@code leaderboard}: with {@code algorithm: auto}, what was tried, best first, with seconds (absent otherwise). */
    public record Search(String method, int folds, int best, List<Trial> candidates, AutoSearchCard auto) {}

    /**
     * {@code algorithm: auto}'s leaderboard with the wall-clock seconds of each candidate's scorings, which
     * metrics.json leaves out so that two runs write the same bytes.
     */
    public record AutoSearchCard(String metric, int trials, int rungs, int evaluations, boolean stoppedEarly,
            List<AutoTrial> leaderboard) {
        static AutoSearchCard of(dev.mlship.train.Leaderboard board) {
            List<AutoTrial> rows = board.entries().stream().map(e -> new AutoTrial(e.candidate().trial(),
                    e.candidate().algorithm().id(), e.candidate().chosen(), MetricsJson.finite(e.primary(board.primary()).mean()),
                    MetricsJson.finite(e.primary(board.primary()).std()), e.rows(), e.folds(), e.rung() + 1,
                    Math.round(e.seconds() * 1000) / 1000.0, e.failure())).toList();
            return new AutoSearchCard(board.primary().id(), board.trials(), board.rungs(), board.evaluations(),
                    board.stoppedEarly(), rows);
        }
    }

    /** {@code params}: the ones the search set; the rest are the algorithm's defaults. */
    public record AutoTrial(int trial, String algorithm, Map<String, Object> params, Double mean, Double std, int rows,
            int folds, int rung, double seconds, String failure) {}

    public record Trial(Map<String, Object> params, Map<String, Double> cvMean, Map<String, Double> cvStd) {
        static Trial of(Candidate c) {
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            c.cv().forEach((m, s) -> {
                mean.put(m.id(), MetricsJson.finite(s.mean()));
                std.put(m.id(), MetricsJson.finite(s.std()));
            });
            return new Trial(c.params().values(), mean, std);
        }
    }

    public static ModelCard of(RunReport r) {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("java", Runtime.version().toString());
        libraries.put("smile", Version.SMILE);
        libraries.put("onnxruntime", Version.ONNXRUNTIME);
        if (r.algorithm() == dev.mlship.config.AlgorithmName.XGBOOST
                || "xgboost".equals(r.search().winner().params().values().get("engine"))) {
            libraries.put("xgboost", Version.XGBOOST);
        }
        if (r.algorithm().trainsOnOpenBlas()) {
            // The kernels OpenBLAS chose decide the last bits of these models: what reproducing one needs.
            libraries.put("openblas", dev.mlship.train.OpenBlas.describe());
        }
        var s = r.search();
        return new ModelCard(
                r.name(),
                Version.MLSHIP,
                libraries,
                r.gitCommit(),
                r.dataset(),
                new Model(r.task().id(), r.algorithm().id(), r.params().values(), r.seed(), r.classes()),
                new Onnx("model.onnx", r.onnx().sha256(), r.onnx().bytes(), r.parity().rows(), r.parity().labelAgreement(),
                        r.parity().maxAbsDiff(), r.parity().maxRelDiff(), r.parity().tieCount()),
                Preparation.of(r.preprocessor()),
                new Search(r.searchMethod(), s.folds(), s.best(),
                        s.candidates().stream().map(Trial::of).toList(),
                        s.leaderboard() == null ? null : AutoSearchCard.of(s.leaderboard())),
                r.timingsMs(),
                r.notices(),
                Behaviour.of(r));
    }
}
