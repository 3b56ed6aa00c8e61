package dev.mlship.train;

import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;

/** A trained model over the prepared matrix. {@link #smile()} is Smile's own object, for export. */
public interface FittedModel {
    Object smile();

    Predictions predict(FeatureMatrix x);

    /** As {@link #predict(FeatureMatrix)}, for a row-major matrix {@code x[i][j]}. */
    default Predictions predict(double[][] x) {
        return predict(FeatureMatrix.ofRows(x));
    }
}
