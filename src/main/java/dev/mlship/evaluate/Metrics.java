package dev.mlship.evaluate;

import dev.mlship.config.MetricName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.validation.metric.AUC;
import smile.validation.metric.Accuracy;
import smile.validation.metric.MAD;
import smile.validation.metric.R2;
import smile.validation.metric.RMSE;

/**
 * Computes metrics with Smile's implementations where they hold up on every input (accuracy, AUC,
 * RMSE, MAE, R²). Binary precision, recall and F1 are for class code 1, the positive class by
 * construction ({@link ClassOrder}).
 */
public final class Metrics {
    /** Probabilities are clipped as scikit-learn does, so one confident miss gives a large, finite loss. */
    private static final double LOGLOSS_EPS = 1e-15;

    private Metrics() {}

    /** Each metric's value; a metric that is undefined on these rows (e.g. AUC with one class) is NaN. */
    public static Map<MetricName, Double> compute(List<MetricName> metrics, Target target, Predictions predictions) {
        Map<MetricName, Double> out = new LinkedHashMap<>();
        for (MetricName m : metrics) {
            out.put(m, switch (target) {
                case Target.Classes t -> classification(m, t, (Predictions.Classes) predictions);
                case Target.Values t -> regression(m, t.values(), ((Predictions.Values) predictions).values());
            });
        }
        return out;
    }

    private static double classification(MetricName m, Target.Classes t, Predictions.Classes p) {
        int[] truth = t.codes();
        int[] pred = p.labels();
        return switch (m) {
            case ACCURACY -> Accuracy.of(truth, pred);
            case PRECISION -> counts(truth, pred, t.count()).precision(1);
            case RECALL -> counts(truth, pred, t.count()).recall(1);
            case F1 -> counts(truth, pred, t.count()).f1(1);
            case F1_MACRO -> counts(truth, pred, t.count()).averagedF1(false);
            case F1_WEIGHTED -> counts(truth, pred, t.count()).averagedF1(true);
            case AUC -> auc(t, p);
            case LOGLOSS -> logLoss(t, p);
            case BRIER -> brier(t, p);
            default -> throw new IllegalArgumentException(m.id() + " is not a classification metric");
        };
    }

    private static double regression(MetricName m, double[] truth, double[] pred) {
        return switch (m) {
            case RMSE -> RMSE.of(truth, pred);
            case MAE -> MAD.of(truth, pred);
            case R2 -> R2.of(truth, pred);
            case MAPE -> mape(truth, pred);
            default -> throw new IllegalArgumentException(m.id() + " is not a regression metric");
        };
    }

    /**
     * By hand: Smile's Precision, Recall and FScore size their tables from the labels they see and fail
     * on a bootstrap resample that lacks a class. Zero divisions give 0, as scikit-learn's default does.
     */
    private record ClassCounts(long[] tp, long[] fp, long[] fn) {
        double precision(int c) {
            return ratio(tp[c], tp[c] + fp[c]);
        }

        double recall(int c) {
            return ratio(tp[c], tp[c] + fn[c]);
        }

        double f1(int c) {
            return ratio(2 * tp[c], 2 * tp[c] + fp[c] + fn[c]);
        }

        /** Over the classes present in the truth or the predictions, as scikit-learn averages. */
        double averagedF1(boolean weighted) {
            double sum = 0;
            double weights = 0;
            for (int c = 0; c < tp.length; c++) {
                long support = tp[c] + fn[c];
                if (support + fp[c] == 0) {
                    continue;
                }
                double w = weighted ? support : 1.0;
                sum += w * f1(c);
                weights += w;
            }
            return weights == 0 ? Double.NaN : sum / weights;
        }

        private static double ratio(long a, long b) {
            return b == 0 ? 0.0 : (double) a / b;
        }
    }

    private static ClassCounts counts(int[] truth, int[] pred, int classes) {
        long[] tp = new long[classes];
        long[] fp = new long[classes];
        long[] fn = new long[classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == pred[i]) {
                tp[truth[i]]++;
            } else {
                fp[pred[i]]++;
                fn[truth[i]]++;
            }
        }
        return new ClassCounts(tp, fp, fn);
    }

    /** Binary: AUC of the positive class. Multiclass: the mean of one-vs-rest AUCs over classes present. */
    private static double auc(Target.Classes t, Predictions.Classes p) {
        if (t.count() == 2) {
            return bothPresent(t.codes(), 1) ? AUC.of(t.codes(), p.column(1)) : Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int c = 0; c < t.count(); c++) {
            int[] oneVsRest = new int[t.size()];
            for (int i = 0; i < oneVsRest.length; i++) {
                oneVsRest[i] = t.codes()[i] == c ? 1 : 0;
            }
            if (bothPresent(oneVsRest, 1)) {
                sum += AUC.of(oneVsRest, p.column(c));
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static boolean bothPresent(int[] codes, int positive) {
        boolean pos = false;
        boolean neg = false;
        for (int c : codes) {
            pos |= c == positive;
            neg |= c != positive;
        }
        return pos && neg;
    }

    // By hand: Smile's LogLoss/CrossEntropy do not clip, so a pure tree leaf (p = 0) gives infinity.
    private static double logLoss(Target.Classes t, Predictions.Classes p) {
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            double prob = p.probabilities()[i][t.codes()[i]];
            sum -= Math.log(Math.min(Math.max(prob, LOGLOSS_EPS), 1 - LOGLOSS_EPS));
        }
        return sum / t.size();
    }

    /** Binary: the mean squared difference between the positive class's probability and the outcome (0 or 1). */
    static double brier(Target.Classes t, Predictions.Classes p) {
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            double d = p.probabilities()[i][1] - (t.codes()[i] == 1 ? 1 : 0);
            sum += d * d;
        }
        return sum / t.size();
    }

    // By hand: Smile has no MAPE. A fraction (not per cent), with scikit-learn's guard against y = 0.
    private static double mape(double[] truth, double[] pred) {
        double eps = Math.ulp(1.0);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(truth[i] - pred[i]) / Math.max(Math.abs(truth[i]), eps);
        }
        return sum / truth.length;
    }
}
