package dev.mlship.train;

import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.stream.IntStream;
import smile.data.DataFrame;
import smile.regression.DataFrameRegression;

/** A Smile regression model over a DataFrame of the prepared features. */
record SmileRegressor(DataFrameRegression smile) implements FittedModel {
    @Override
    public Predictions predict(FeatureMatrix x) {
        DataFrame frame = SmileFrames.features(x);
        double[] out = new double[x.rows()];
        IntStream.range(0, x.rows()).parallel().forEach(i -> out[i] = smile.predict(frame.get(i)));
        return new Predictions.Values(out);
    }

    @Override
    public Predictions predict(FittedPreprocessor prep, Table table) {
        return predict(prep.transformColumns(table));
    }
}
