package dev.mlship.train;

import smile.classification.Classifier;
import smile.classification.PlattScaling;

/**
 * A binary support vector machine with Smile's Platt scaling of its score: p1 = platt(score), p0 = 1 - p1,
 * and the class is the more probable one (class 0 on a tie), as Smile's one-versus-rest does per class.
 * Smile's multiclass wrappers refuse two classes, hence this one.
 */
public record PlattSvm(Classifier<double[]> svm, PlattScaling platt) implements Classifier<double[]> {
    @Override
    public int numClasses() {
        return 2;
    }

    @Override
    public int[] classes() {
        return new int[] {0, 1};
    }

    @Override
    public int predict(double[] x) {
        return predict(x, new double[2]);
    }

    @Override
    public boolean isSoft() {
        return true;
    }

    @Override
    public int predict(double[] x, double[] posteriori) {
        posteriori[1] = platt.scale(svm.score(x));
        posteriori[0] = 1 - posteriori[1];
        return posteriori[1] > posteriori[0] ? 1 : 0;
    }
}
