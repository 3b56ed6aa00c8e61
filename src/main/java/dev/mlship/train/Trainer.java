package dev.mlship.train;

import dev.mlship.config.AlgorithmName;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FeatureMatrix;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.Locale;
import java.util.SplittableRandom;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.math.MathEx;
import smile.model.cart.Loss;
import smile.model.cart.SplitRule;
import smile.regression.ElasticNet;
import smile.regression.LASSO;
import smile.regression.OLS;
import smile.regression.RegressionTree;
import smile.regression.RidgeRegression;

/**
 * Fits one algorithm on a prepared matrix with Smile. Depths follow scikit-learn's meaning: Smile counts
 * the root as depth 1, so a user's {@code max_depth = d} is Smile's {@code d + 1}.
 */
public final class Trainer {
    private Trainer() {}

    /**
     * The prepared features of a table in the layout the algorithm reads: by column for Smile's
     * DataFrame-based learners (trees, linear regressions), by row for the others.
     */
    public static FeatureMatrix matrix(AlgorithmName algorithm, FittedPreprocessor prep, Table table) {
        return switch (algorithm) {
            case LOGISTIC, MLP, SVM, XGBOOST -> FeatureMatrix.ofRows(prep.transform(table));
            default -> prep.transformColumns(table);
        };
    }

    /** Fits on the prepared rows of a table: xgboost reads them as float32 straight from the columns. */
    public static FittedModel fit(AlgorithmName algorithm, FittedPreprocessor prep, Table table, Target y, Params p, long seed) {
        if (algorithm == AlgorithmName.XGBOOST) {
            return XGBoostTrainer.fit(FloatRows.of(prep, table), y, p, seed);
        }
        if (onXGBoost(algorithm, p)) {
            return XGBoostTrainer.forest(FloatRows.of(prep, table), y, p, seed);
        }
        return fit(algorithm, matrix(algorithm, prep, table), y, p, seed);
    }

    /** As {@link #fit(AlgorithmName, FeatureMatrix, Target, Params, long)}, for a row-major matrix. */
    public static FittedModel fit(AlgorithmName algorithm, double[][] x, Target y, Params p, long seed) {
        return fit(algorithm, FeatureMatrix.ofRows(x), y, p, seed);
    }

    public static FittedModel fit(AlgorithmName algorithm, FeatureMatrix x, Target y, Params p, long seed) {
        if (algorithm == AlgorithmName.XGBOOST) {
            return XGBoostTrainer.fit(FloatRows.of(x.toRows()), y, p, seed);
        }
        if (onXGBoost(algorithm, p)) {
            return XGBoostTrainer.forest(FloatRows.of(x.toRows()), y, p, seed);
        }
        // Smile draws from a per-thread generator (bootstrap rows, subsampling): seed it for every fit.
        MathEx.setSeed(seed);
        return switch (y) {
            case Target.Classes c -> classifier(algorithm, x, c, p, seed);
            case Target.Values v -> regressor(algorithm, x, v.values(), p, seed);
        };
    }

    private static FittedModel classifier(AlgorithmName algorithm, FeatureMatrix x, Target.Classes y, Params p, long seed) {
        int k = y.count();
        int[] codes = y.codes();
        return switch (algorithm) {
            case LOGISTIC -> new SmileClassifier(LogisticRegression.fit(x.toRows(), codes,
                    new LogisticRegression.Options(p.real("lambda"), p.real("tol"), p.integer("max_iter"))), k, false);
            case DECISION_TREE -> new SmileClassifier(DecisionTree.fit(SmileFrames.FORMULA, SmileFrames.withClasses(x, codes),
                    new DecisionTree.Options(rule(p), depth(p), p.integer("max_nodes"), p.integer("min_samples_leaf"))), k, true);
            case RANDOM_FOREST -> new SmileClassifier(RandomForest.fit(SmileFrames.FORMULA, SmileFrames.withClasses(x, codes),
                    new RandomForest.Options(p.integer("trees"), mtry(p, true, x.width()), rule(p), depth(p), p.integer("max_nodes"),
                            p.integer("min_samples_leaf"), p.real("subsample"), null, treeSeeds(seed, p.integer("trees")), null)),
                    k, true);
            case GRADIENT_BOOSTING -> new SmileClassifier(RegressionTreeSplits.binned(() -> GradientTreeBoost.fit(SmileFrames.FORMULA,
                    SmileFrames.withClasses(x, codes),
                    new GradientTreeBoost.Options(p.integer("trees"), depth(p), p.integer("max_nodes"),
                            p.integer("min_samples_leaf"), p.real("shrinkage"), p.real("subsample"), null, null))), k, true);
            case MLP -> MlpTrainer.classifier(x.toRows(), codes, k, p);
            case SVM -> new SmileClassifier(SvmTrainer.fit(x.toRows(), codes, k, p, seed), k, false);
            default -> throw new IllegalArgumentException(algorithm.id() + " does not classify");
        };
    }

    private static FittedModel regressor(AlgorithmName algorithm, FeatureMatrix x, double[] y, Params p, long seed) {
        if (algorithm == AlgorithmName.MLP) {
            return MlpTrainer.regressor(x.toRows(), y, p);
        }
        var frame = SmileFrames.withValues(x, y);
        var f = SmileFrames.FORMULA;
        return new SmileRegressor(switch (algorithm) {
            case LINEAR -> OLS.fit(f, frame, new OLS.Options(OLS.Method.valueOf(p.text("method").toUpperCase(Locale.ROOT)),
                    false, false));
            case RIDGE -> RidgeRegression.fit(f, frame, p.real("lambda"));
            case LASSO -> LASSO.fit(f, frame, new LASSO.Options(p.real("lambda"), p.real("tol"), p.integer("max_iter")));
            case ELASTIC_NET -> ElasticNet.fit(f, frame, new ElasticNet.Options(p.real("lambda1"), p.real("lambda2"),
                    p.real("tol"), p.integer("max_iter")));
            // A single tree grows to small leaves: every boundary between two values is a candidate, as in
            // scikit-learn (Smile's binned search stopped it at leaves of ~n/100 rows; see RegressionTreeSplits).
            case DECISION_TREE -> RegressionTreeSplits.exact(() -> RegressionTree.fit(f, frame,
                    new RegressionTree.Options(depth(p), p.integer("max_nodes"), p.integer("min_samples_leaf"))));
            case RANDOM_FOREST -> RegressionTreeSplits.binned(() -> smile.regression.RandomForest.fit(f, frame,
                    new smile.regression.RandomForest.Options(p.integer("trees"), mtry(p, false, x.width()), depth(p),
                            p.integer("max_nodes"), p.integer("min_samples_leaf"), p.real("subsample"),
                            treeSeeds(seed, p.integer("trees")), null)));
            case GRADIENT_BOOSTING -> RegressionTreeSplits.binned(() -> smile.regression.GradientTreeBoost.fit(f, frame,
                    new smile.regression.GradientTreeBoost.Options(loss(p), p.integer("trees"), depth(p),
                            p.integer("max_nodes"), p.integer("min_samples_leaf"), p.real("shrinkage"), p.real("subsample"),
                            null, null)));
            default -> throw new IllegalArgumentException(algorithm.id() + " does not do regression");
        });
    }

    /** A random forest grown by XGBoost's histogram engine rather than by Smile. */
    private static boolean onXGBoost(AlgorithmName algorithm, Params p) {
        return algorithm == AlgorithmName.RANDOM_FOREST && p.text("engine").equals("xgboost");
    }

    /**
     * The features a forest draws at each split: {@code mtry}, or for 0 scikit-learn's defaults, √p for
     * classification and every feature for regression (Smile's own p/3 for regression scored lower on the
     * benchmark datasets of docs/algorithms.md).
     */
    static int mtry(Params p, boolean classification, int features) {
        int mtry = p.integer("mtry");
        if (mtry > 0) {
            return Math.min(mtry, Math.max(1, features));
        }
        return classification ? Math.max(1, (int) Math.floor(Math.sqrt(features))) : Math.max(1, features);
    }

    private static int depth(Params p) {
        return p.integer("max_depth") + 1;
    }

    private static SplitRule rule(Params p) {
        return SplitRule.valueOf(p.text("split_rule").toUpperCase(Locale.ROOT));
    }

    private static Loss loss(Params p) {
        return switch (p.text("loss")) {
            case "least_absolute_deviation" -> Loss.lad();
            case "huber" -> Loss.huber(0.9);
            default -> Loss.ls();
        };
    }

    /** One seed per tree, derived from the run's seed, so forests are the same on every run and thread count. */
    private static long[] treeSeeds(long seed, int trees) {
        return new SplittableRandom(seed).longs(trees).toArray();
    }
}
