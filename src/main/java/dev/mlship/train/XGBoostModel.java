package dev.mlship.train;

import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;
import dev.mlship.prepare.FittedPreprocessor;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained XGBoost booster. Its predictions are XGBoost's own float32 margins (the first
 * {@code rounds} rounds); the link (sigmoid, softmax) runs in double on them, as the exported graph does.
 */
final class XGBoostModel implements FittedModel {
    private final Booster booster;
    private final int groups;
    private final BoosterTrees.Link link;
    private final int rounds;
    private BoosterTrees trees;

    XGBoostModel(Booster booster, int groups, BoosterTrees.Link link, int rounds) {
        this.booster = booster;
        this.groups = groups;
        this.link = link;
        this.rounds = rounds;
    }

    /** Boosting rounds in use: fewer than n_estimators when early stopping ended training sooner. */
    int rounds() {
        return rounds;
    }

    /** The parsed trees, for the ONNX export. */
    @Override
    public synchronized Object smile() {
        if (trees == null) {
            trees = BoosterJson.read(booster, rounds, groups, link);
        }
        return trees;
    }

    @Override
    public Predictions predict(double[][] x) {
        return predict(FloatRows.of(x));
    }

    @Override
    public Predictions predict(FeatureMatrix x) {
        return predict(x.toRows());
    }

    @Override
    public Predictions predict(FittedPreprocessor prep, Table table) {
        return predict(new FloatRows(prep.transformToFloats(table), table.rows(), prep.outputNames().size()));
    }

    Predictions predict(FloatRows x) {
        float[][] margins = new float[0][];
        if (x.rows() > 0) {
            DMatrix d = XGBoostTrainer.matrix(x);
            try {
                // The limit counts rounds (iterations), not trees, whatever the number of classes.
                margins = booster.predict(d, true, rounds);
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
            } finally {
                d.dispose();
            }
        }
        return Margins.predictions(margins, link);
    }
}
