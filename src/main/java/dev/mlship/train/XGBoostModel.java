package dev.mlship.train;

import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.Booster;
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
    private final int roundsAsked;
    private BoosterTrees trees;

    XGBoostModel(Booster booster, int groups, BoosterTrees.Link link, int rounds, int roundsAsked) {
        this.booster = booster;
        this.groups = groups;
        this.link = link;
        this.rounds = rounds;
        this.roundsAsked = roundsAsked;
    }

    /** Says how many rounds early stopping kept, when it stopped before n_estimators. */
    @Override
    public String fitNote() {
        return rounds < roundsAsked ? "early stopping kept " + rounds + " of " + roundsAsked + " rounds" : "";
    }

    Booster booster() {
        return booster;
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
        return predict(FloatRows.of(prep, table));
    }

    /**
     * Predicts a block of rows at a time, so only a block's copy of the matrix is ever held. XGBoost reads
     * the dense block in place: building a DMatrix from it first copied every cell once more.
     */
    Predictions predict(FloatRows x) {
        float[][] margins = new float[x.rows()][];
        int blockRows = x.blockRows();
        float[] block = new float[blockRows * x.cols()];
        // Rounds (iterations), not trees, whatever the number of classes or of trees per round.
        int[] iterations = {0, rounds};
        for (int from = 0; from < x.rows(); from += blockRows) {
            int count = Math.min(blockRows, x.rows() - from);
            x.write(from, count, block);
            try {
                float[][] out = booster.inplace_predict(count == blockRows ? block : Arrays.copyOf(block, count * x.cols()),
                        count, x.cols(), Float.NaN, iterations, Booster.PredictionType.kMargin, null);
                System.arraycopy(out, 0, margins, from, count);
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
            }
        }
        return Margins.predictions(margins, link);
    }
}
