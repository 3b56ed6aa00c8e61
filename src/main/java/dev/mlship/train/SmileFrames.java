package dev.mlship.train;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.ValueVector;

/** Smile's tree and linear models take a DataFrame and a formula; this builds both from a matrix. */
final class SmileFrames {
    static final String LABEL = "y";
    static final Formula FORMULA = Formula.lhs(LABEL);

    private SmileFrames() {}

    /** Generic names keep Smile's formula parser away from user column names such as "a=b" or "x-y". */
    static DataFrame features(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "x" + j;
        }
        return DataFrame.of(x, names);
    }

    static DataFrame withClasses(double[][] x, int[] y) {
        return features(x).add(ValueVector.of(LABEL, y));
    }

    static DataFrame withValues(double[][] x, double[] y) {
        return features(x).add(ValueVector.of(LABEL, y));
    }
}
