package dev.mlship.train;

import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.stream.IntStream;
import smile.classification.Classifier;
import smile.data.DataFrame;
import smile.data.Tuple;

/** A Smile classifier; labels and probabilities come from Smile's own {@code predict(x, posteriori)}. */
record SmileClassifier(Object smile, int classes, boolean takesTuples) implements FittedModel {
    @Override
    @SuppressWarnings("unchecked")
    public Predictions predict(FeatureMatrix x) {
        int n = x.rows();
        int[] labels = new int[n];
        double[][] prob = new double[n][classes];
        if (takesTuples) {
            Classifier<Tuple> model = (Classifier<Tuple>) smile;
            DataFrame frame = SmileFrames.features(x);
            // Smile's forests and boosters score one row at a time; rows are independent.
            IntStream.range(0, n).parallel().forEach(i -> labels[i] = model.predict(frame.get(i), prob[i]));
        } else {
            Classifier<double[]> model = (Classifier<double[]>) smile;
            double[][] rows = x.toRows();
            IntStream.range(0, n).parallel().forEach(i -> labels[i] = model.predict(rows[i], prob[i]));
        }
        return new Predictions.Classes(labels, prob);
    }

    /** Smile's trees read the prepared columns as they are; the others read rows. */
    @Override
    public Predictions predict(FittedPreprocessor prep, Table table) {
        return takesTuples ? predict(prep.transformColumns(table)) : predict(prep.transform(table));
    }
}
