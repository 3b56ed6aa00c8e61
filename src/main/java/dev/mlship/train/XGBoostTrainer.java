package dev.mlship.train;

import dev.mlship.evaluate.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains XGBoost (gbtree, {@code tree_method=hist}) on float32 rows, read into XGBoost's quantised
 * matrix block by block. Missing values are NaN, so XGBoost learns a default direction for them at each
 * split. Seeded, and on all the machine's cores.
 */
final class XGBoostTrainer {
    /** A forest's histogram bins: XGBoost's default, as for the xgboost algorithm. */
    private static final int FOREST_BINS = 256;
    /** The share of distinct rows in a bootstrap sample of n rows, 1 - 1/e as n grows. */
    private static final double BOOTSTRAP_SHARE = 0.632;

    private XGBoostTrainer() {}

    static XGBoostModel fit(FloatRows x, Target y, Params p, long seed) {
        XGBoostNative.require();
        int classes = classes(y);
        float[] labels = labels(y);
        int patience = p.integer("early_stopping_rounds");
        FloatRows fitRows = x;
        float[] fitLabels = labels;
        FloatRows validRows = null;
        float[] validLabels = null;
        if (patience > 0 && x.rows() > 1) {
            int[][] parts = holdOut(x.rows(), p.real("validation_fraction"), seed);
            fitRows = x.select(parts[0]);
            fitLabels = select(labels, parts[0]);
            validRows = x.select(parts[1]);
            validLabels = select(labels, parts[1]);
        }
        DMatrix train = null;
        DMatrix valid = null;
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            train = QuantileMatrix.of(fitRows, fitLabels, p.integer("max_bin"), threads, null);
            if (validRows != null) {
                valid = QuantileMatrix.of(validRows, validLabels, p.integer("max_bin"), threads, train);
            }
            Booster booster = XGBoost.train(train, params(p, classes, seed), 0, Map.of(), null, null);
            int rounds = boost(booster, train, valid, p.integer("n_estimators"), patience);
            return new XGBoostModel(booster, groups(classes), link(classes), rounds, p.integer("n_estimators"));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
            if (valid != null) {
                valid.dispose();
            }
        }
    }

    /**
     * A random forest on XGBoost's histogram engine: one round of {@code trees} trees grown side by side
     * ({@code num_parallel_tree}), each on its own sample of rows and choosing among {@code mtry} random
     * features at each split, with learning rate 1 so the forest's margin is the mean of its trees'. Smile's
     * parameters carry over as {@link #forestParams} says.
     */
    static XGBoostModel forest(FloatRows x, Target y, Params p, long seed) {
        XGBoostNative.require();
        int classes = classes(y);
        float[] labels = labels(y);
        DMatrix train = null;
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            train = QuantileMatrix.of(x, labels, FOREST_BINS, threads, null);
            Booster booster = XGBoost.train(train, forestParams(p, classes, labels, x.cols(), seed), 0, Map.of(), null, null);
            booster.update(train, 0);
            return new XGBoostModel(booster, groups(classes), link(classes), 1, 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
        }
    }

    /** The number of classes; 0 for regression. */
    private static int classes(Target y) {
        return y instanceof Target.Classes c ? c.count() : 0;
    }

    /** Margins per row: one for regression and binary classification, one per class otherwise. */
    private static int groups(int classes) {
        return classes > 2 ? classes : 1;
    }

    private static BoosterTrees.Link link(int classes) {
        return classes == 0 ? BoosterTrees.Link.IDENTITY
                : classes == 2 ? BoosterTrees.Link.LOGISTIC : BoosterTrees.Link.SOFTMAX;
    }

    /**
     * Smile's forest parameters in XGBoost's terms. {@code mtry} (0: √p for classification, every feature for
     * regression, as scikit-learn) becomes the fraction of features per split; Smile's {@code subsample} 1.0 (a
     * bootstrap sample) becomes 0.632 of the rows without replacement, the share of distinct rows a bootstrap
     * holds; {@code min_samples_leaf} becomes a minimum hessian weight: every row has the same hessian in the
     * one round (all start from the base score, set here to the label mean), so the product is exactly a
     * minimum row count. {@code split_rule} is Smile's only: XGBoost splits on its gradient gain.
     */
    static Map<String, Object> forestParams(Params p, int classes, float[] labels, int features, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("booster", "gbtree");
        m.put("tree_method", "hist");
        double mean = 0;
        for (float label : labels) {
            mean += label;
        }
        mean /= Math.max(1, labels.length);
        double hessian;
        if (classes == 0) {
            m.put("objective", "reg:squarederror");
            m.put("base_score", mean);
            hessian = 1;
        } else if (classes == 2) {
            double prior = Math.min(1 - 1e-6, Math.max(1e-6, mean));
            m.put("objective", "binary:logistic");
            m.put("base_score", prior);
            hessian = prior * (1 - prior);
        } else {
            m.put("objective", "multi:softprob");
            m.put("num_class", classes);
            m.put("base_score", 0.5); // every class starts from the same margin: probability 1/k
            hessian = 2.0 / classes * (1 - 1.0 / classes); // XGBoost's softmax hessian, 2p(1-p)
        }
        int mtry = Trainer.mtry(p, classes != 0, features);
        // XGBoost keeps floor(fraction * features) columns; the half makes that exactly mtry.
        m.put("colsample_bynode", Math.min(1.0, (mtry + 0.5) / Math.max(1, features)));
        double subsample = p.real("subsample");
        m.put("subsample", subsample >= 1.0 ? BOOTSTRAP_SHARE : subsample);
        m.put("num_parallel_tree", p.integer("trees"));
        m.put("eta", 1.0);
        m.put("max_depth", p.integer("max_depth"));
        m.put("max_leaves", p.integer("max_nodes"));
        m.put("min_child_weight", p.integer("min_samples_leaf") * hessian * (1 - 1e-9));
        m.put("lambda", 1e-5); // a leaf's value is its rows' mean residual, not shrunk towards the base
        m.put("max_bin", FOREST_BINS);
        m.put("seed", seed);
        m.put("nthread", Runtime.getRuntime().availableProcessors());
        m.put("verbosity", 0);
        return m;
    }

    /**
     * Boosts up to {@code rounds} rounds; with a validation matrix, stops once its metric (logloss,
     * mlogloss or rmse) has not improved for {@code patience} rounds. Returns the rounds to use: up to
     * the best one.
     */
    private static int boost(Booster booster, DMatrix train, DMatrix valid, int rounds, int patience) throws XGBoostError {
        float best = Float.POSITIVE_INFINITY;
        int bestRound = rounds - 1;
        DMatrix[] watch = {valid};
        String[] names = {"valid"};
        for (int round = 0; round < rounds; round++) {
            booster.update(train, round);
            if (valid == null) {
                continue;
            }
            float[] metric = new float[1];
            booster.evalSet(watch, names, round, metric);
            if (metric[0] < best) {
                best = metric[0];
                bestRound = round;
            } else if (round - bestRound >= patience) {
                break;
            }
        }
        return bestRound + 1;
    }

    /** XGBoost's parameters under their own names; every value was validated in mlship.yaml. */
    static Map<String, Object> params(Params p, int classes, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("booster", "gbtree");
        m.put("tree_method", "hist");
        if (classes == 0) {
            m.put("objective", "reg:squarederror");
            m.put("eval_metric", "rmse");
        } else if (classes == 2) {
            m.put("objective", "binary:logistic");
            m.put("eval_metric", "logloss");
            m.put("scale_pos_weight", p.real("scale_pos_weight"));
        } else {
            m.put("objective", "multi:softprob");
            m.put("num_class", classes);
            m.put("eval_metric", "mlogloss");
        }
        m.put("max_depth", p.integer("max_depth"));
        m.put("max_leaves", p.integer("max_leaves"));
        m.put("grow_policy", p.text("grow_policy"));
        m.put("eta", p.real("learning_rate"));
        m.put("subsample", p.real("subsample"));
        m.put("colsample_bytree", p.real("colsample_bytree"));
        m.put("min_child_weight", p.real("min_child_weight"));
        m.put("lambda", p.real("reg_lambda"));
        m.put("alpha", p.real("reg_alpha"));
        m.put("gamma", p.real("gamma"));
        m.put("max_bin", p.integer("max_bin"));
        m.put("seed", seed);
        m.put("nthread", Runtime.getRuntime().availableProcessors());
        m.put("verbosity", 0);
        return m;
    }

    private static float[] labels(Target y) {
        return switch (y) {
            case Target.Classes c -> {
                float[] l = new float[c.size()];
                for (int i = 0; i < l.length; i++) {
                    l[i] = c.codes()[i];
                }
                yield l;
            }
            case Target.Values v -> {
                float[] l = new float[v.size()];
                for (int i = 0; i < l.length; i++) {
                    l[i] = (float) v.values()[i];
                }
                yield l;
            }
        };
    }

    /** A seeded split of the rows: [rows to fit, rows that decide when to stop]. */
    static int[][] holdOut(int n, double fraction, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int held = Math.min(n - 1, Math.max(1, (int) Math.round(n * fraction)));
        int[] fit = java.util.Arrays.copyOfRange(order, held, n);
        int[] valid = java.util.Arrays.copyOfRange(order, 0, held);
        java.util.Arrays.sort(fit);
        java.util.Arrays.sort(valid);
        return new int[][] {fit, valid};
    }

    private static float[] select(float[] v, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }
}
