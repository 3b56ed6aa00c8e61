package dev.mlship.train;

import dev.mlship.prepare.FeatureMatrix;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.ValueVector;

/**
 * Smile's tree and linear models take a DataFrame and a formula; this builds both from a matrix. The
 * frame's columns are the matrix's own arrays (Smile's {@code DataFrame.of(double[][])} would copy every
 * value once more, a second prepared matrix alive during the fit).
 */
final class SmileFrames {
    static final String LABEL = "y";
    static final Formula FORMULA = Formula.lhs(LABEL);

    private SmileFrames() {}

    /** Generic names keep Smile's formula parser away from user column names such as "a=b" or "x-y". */
    static DataFrame features(FeatureMatrix x) {
        ValueVector[] columns = new ValueVector[x.width()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = new DoubleVector("x" + j, x.column(j));
        }
        return new DataFrame(columns);
    }

    static DataFrame withClasses(FeatureMatrix x, int[] y) {
        return features(x).add(ValueVector.of(LABEL, y));
    }

    static DataFrame withValues(FeatureMatrix x, double[] y) {
        return features(x).add(ValueVector.of(LABEL, y));
    }
}
