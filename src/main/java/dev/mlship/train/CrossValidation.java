package dev.mlship.train;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.MetricName;
import dev.mlship.config.PrepareSpec;
import dev.mlship.data.Split;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Metrics;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores candidates by k-fold cross-validation on the training split. Preparation is refitted inside
 * every fold, so a fold's validation rows never inform the statistics it is scored with.
 */
public final class CrossValidation {
    private final Table train;
    private final List<String> features;
    private final Target target;
    private final PrepareSpec prepare;
    private final AlgorithmName algorithm;
    private final List<Split> folds;
    private final long seed;
    private final Consumer<String> progress;

    public CrossValidation(Table train, List<String> features, Target target, PrepareSpec prepare,
            AlgorithmName algorithm, List<Split> folds, long seed, Consumer<String> progress) {
        this.train = train;
        this.features = List.copyOf(features);
        this.target = target;
        this.prepare = prepare;
        this.algorithm = algorithm;
        this.folds = List.copyOf(folds);
        this.seed = seed;
        this.progress = progress;
    }

    /** Scores every candidate; the winner has the best mean primary metric (the first one on a tie). */
    public SearchResult search(List<Params> candidates, List<MetricName> metrics, MetricName primary) {
        if (!metrics.contains(primary)) {
            throw new IllegalArgumentException("the primary metric must be among the metrics scored");
        }
        List<Candidate> scored = new ArrayList<>();
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            String label = candidates.size() > 1
                    ? "candidate " + (i + 1) + "/" + candidates.size() + " " + varying(candidates, i) + " "
                    : "";
            Candidate c = score(candidates.get(i), metrics, primary, label);
            scored.add(c);
            if (best < 0 || better(c.cv().get(primary).mean(), scored.get(best).cv().get(primary).mean(), primary)) {
                best = i;
            }
        }
        return new SearchResult(scored, best, folds.size());
    }

    /** The params of candidate i that differ between candidates, e.g. "[max_depth=4]". */
    private static String varying(List<Params> candidates, int i) {
        StringBuilder sb = new StringBuilder("[");
        candidates.get(i).values().forEach((k, v) -> {
            if (candidates.stream().anyMatch(c -> !v.equals(c.values().get(k)))) {
                sb.append(sb.length() > 1 ? " " : "").append(k).append('=').append(v);
            }
        });
        return sb.append(']').toString();
    }

    private static boolean better(double a, double b, MetricName primary) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return primary.higherIsBetter() ? a > b : a < b;
    }

    private Candidate score(Params params, List<MetricName> metrics, MetricName primary, String label) {
        return score(params, folds, metrics, primary, label);
    }

    /**
     * Scores one candidate on the given folds (row indexes into the training split), such as subsamples of
     * this validation's own folds.
     */
    public Candidate score(Params params, List<Split> folds, List<MetricName> metrics, MetricName primary, String label) {
        double[][] values = new double[metrics.size()][folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            Split fold = folds.get(f);
            FittedPreprocessor prep;
            FittedModel model;
            {
                // The fold's training rows are copied for the fit and let go before its held-out rows are.
                Table fit = train.select(fold.train());
                prep = Preprocessor.fit(fit, features, prepare);
                model = Trainer.fit(algorithm, prep, fit, target.select(fold.train()), params, seed);
            }
            Map<MetricName, Double> m = Metrics.compute(metrics, target.select(fold.test()),
                    model.predict(prep, train.select(fold.test())));
            StringBuilder line = new StringBuilder("cv ").append(label).append("fold ").append(f + 1).append('/')
                    .append(folds.size());
            for (int j = 0; j < metrics.size(); j++) {
                values[j][f] = m.get(metrics.get(j));
            }
            line.append(' ').append(primary.id()).append('=').append(String.format(Locale.ROOT, "%.4f", m.get(primary)));
            if (!model.fitNote().isEmpty()) {
                line.append(" (").append(model.fitNote()).append(')');
            }
            progress.accept(line.toString());
        }
        Map<MetricName, CvScore> cv = new EnumMap<>(MetricName.class);
        for (int j = 0; j < metrics.size(); j++) {
            cv.put(metrics.get(j), CvScore.of(values[j]));
        }
        return new Candidate(params, cv);
    }
}
