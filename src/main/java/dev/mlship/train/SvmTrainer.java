package dev.mlship.train;

import java.util.logging.Level;
import java.util.logging.Logger;
import smile.classification.Classifier;
import smile.classification.OneVersusOne;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;

/**
 * Fits Smile's support vector machines (LASVM) with Platt-scaled probabilities. Multiclass models are
 * assembled from binary machines trained one after another, each after reseeding Smile's generator:
 * Smile's own one-versus-rest / one-versus-one fit trains them on pooled threads, whose generators no
 * seed reaches, so two runs could differ.
 */
final class SvmTrainer {
    private SvmTrainer() {}

    /**
     * Smile's Platt scaling logs "Line search fails." at error level when its Newton steps stop early (decision
     * values far from 0); the fit keeps its last estimate. Printed bare among mlship's lines it reads like a
     * failure of the run, which it is not: metrics and the parity check judge the probabilities. Held in a
     * field, because java.util.logging keeps loggers only weakly and a collected one forgets its level.
     */
    private static final Logger QUIET = quiet("smile.classification.PlattScaling");

    /** Loads this class, and with it the silenced logger (for callers that need it before a fit). */
    static void silenceLibraryLogs() {
        QUIET.getName();
    }

    private static Logger quiet(String category) {
        Logger logger = Logger.getLogger(category);
        logger.setLevel(Level.OFF);
        return logger;
    }

    static Classifier<double[]> fit(double[][] x, int[] y, int classes, Params p, long seed) {
        if (classes == 2) {
            int[] signs = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                signs[i] = y[i] == 1 ? 1 : -1;
            }
            Classifier<double[]> svm = binary(x, signs, p, seed);
            return new PlattSvm(svm, PlattScaling.fit(svm, x, signs));
        }
        return "ovr".equals(p.text("multiclass")) ? oneVersusRest(x, y, classes, p, seed) : oneVersusOne(x, y, classes, p, seed);
    }

    /** Machine c tells class c (+1) from every other class (-1). */
    private static OneVersusRest<double[]> oneVersusRest(double[][] x, int[] y, int classes, Params p, long seed) {
        @SuppressWarnings("unchecked")
        Classifier<double[]>[] machines = new Classifier[classes];
        PlattScaling[] platt = new PlattScaling[classes];
        for (int c = 0; c < classes; c++) {
            int[] signs = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                signs[i] = y[i] == c ? 1 : -1;
            }
            machines[c] = binary(x, signs, p, seed + c);
            platt[c] = PlattScaling.fit(machines[c], x, signs);
        }
        return new OneVersusRest<>(machines, platt);
    }

    /** Machine [i][j], i > j, tells class i (+1) from class j (-1) on the rows of those two classes. */
    private static OneVersusOne<double[]> oneVersusOne(double[][] x, int[] y, int classes, Params p, long seed) {
        @SuppressWarnings("unchecked")
        Classifier<double[]>[][] machines = new Classifier[classes][];
        PlattScaling[][] platt = new PlattScaling[classes][];
        int pair = 0;
        for (int i = 0; i < classes; i++) {
            machines[i] = new Classifier[i];
            platt[i] = new PlattScaling[i];
            for (int j = 0; j < i; j++) {
                int n = 0;
                for (int label : y) {
                    n += label == i || label == j ? 1 : 0;
                }
                double[][] rows = new double[n][];
                int[] signs = new int[n];
                for (int r = 0, m = 0; r < y.length; r++) {
                    if (y[r] == i || y[r] == j) {
                        rows[m] = x[r];
                        signs[m++] = y[r] == i ? 1 : -1;
                    }
                }
                machines[i][j] = binary(rows, signs, p, seed + pair++);
                platt[i][j] = PlattScaling.fit(machines[i][j], rows, signs);
            }
        }
        return new OneVersusOne<>(machines, platt);
    }

    /** One machine on labels +1 / -1. */
    private static Classifier<double[]> binary(double[][] x, int[] signs, Params p, long seed) {
        MathEx.setSeed(seed);
        var options = new SVM.Options(p.real("C"), p.real("tol"), p.integer("epochs"));
        if ("linear".equals(p.text("kernel"))) {
            return SVM.fit(x, signs, options);
        }
        return SVM.fit(x, signs, new GaussianKernel(sigma(p.real("gamma"), x[0].length)), options);
    }

    /** scikit-learn's gamma in exp(-gamma |x - v|^2) is Smile's 1 / (2 sigma^2); gamma 0 means 1 / features. */
    static double sigma(double gamma, int features) {
        double g = gamma > 0 ? gamma : 1.0 / features;
        return Math.sqrt(1 / (2 * g));
    }
}
