package dev.mlship.train;

import dev.mlship.evaluate.Predictions;

/** A trained model over the prepared matrix. {@link #smile()} is Smile's own object, for export. */
public interface FittedModel {
    Object smile();

    Predictions predict(double[][] x);
}
