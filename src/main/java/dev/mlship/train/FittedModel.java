package dev.mlship.train;

import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;
import dev.mlship.prepare.FittedPreprocessor;

/**
 * A trained model over the prepared matrix. {@link #smile()} is what the ONNX exporter reads: Smile's
 * own object, or for xgboost its parsed trees ({@link BoosterTrees}).
 */
public interface FittedModel {
    Object smile();

    /** What a log line should say about how the fit went beyond its params, e.g. early stopping; "" if nothing. */
    default String fitNote() {
        return "";
    }

    Predictions predict(FeatureMatrix x);

    /** As {@link #predict(FeatureMatrix)}, for a row-major matrix {@code x[i][j]}. */
    default Predictions predict(double[][] x) {
        return predict(FeatureMatrix.ofRows(x));
    }

    /** Predicts the prepared rows of a table; models that read another layout override it to skip the double rows. */
    default Predictions predict(FittedPreprocessor prep, Table table) {
        return predict(prep.transform(table));
    }
}
