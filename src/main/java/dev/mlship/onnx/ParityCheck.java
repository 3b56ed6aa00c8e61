package dev.mlship.onnx;

import dev.mlship.evaluate.Predictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares ONNX Runtime's outputs with the trained model's own predictions (Smile's or XGBoost's) by
 * the rule of {@link Parity#RULE}: every probability or regression output within the tolerance, and
 * labels equal except on ties. Feature values are not named in the failure, since CI logs of public
 * repositories are public.
 */
public final class ParityCheck {
    private ParityCheck() {}

    /** Compares every row. @throws ExportException naming the first row that disagrees */
    public static Parity compare(Predictions smile, Scores onnx, List<String> classes) {
        return compare(smile, onnx, classes, java.util.stream.IntStream.range(0, smile.size()).toArray());
    }

    /**
     * Compares the rows ONNX Runtime scored: {@code rows} are their indexes among the trained model's
     * predictions, in the order of {@code onnx}; messages and ties name those indexes.
     *
     * @throws ExportException naming the first row that disagrees
     */
    public static Parity compare(Predictions trained, Scores onnx, List<String> classes, int[] rows) {
        Parity p = switch (trained.select(rows)) {
            case Predictions.Classes c -> classes(c, onnx, classes, rows);
            case Predictions.Values v -> values(v.values(), onnx.predictions(), rows);
        };
        return new Parity(p.rows(), p.labelAgreement(), p.maxAbsDiff(), p.maxRelDiff(), p.ties(), trained.size());
    }

    private static Parity classes(Predictions.Classes smile, Scores onnx, List<String> classes, int[] rows) {
        int n = smile.size();
        List<Integer> ties = new ArrayList<>();
        Differences diffs = new Differences();
        for (int i = 0; i < n; i++) {
            double[] trained = smile.probabilities()[i];
            for (int c = 0; c < classes.size(); c++) {
                if (!diffs.add(trained[c], onnx.probabilities()[i][c])) {
                    throw new ExportException(String.format(Locale.ROOT,
                            "the exported model disagrees with the trained one on test row %d: probability of %s is %.17g in"
                                    + " the trained model, %.17g in ONNX Runtime (tolerance %.0e)",
                            rows[i], classes.get(c), trained[c], onnx.probabilities()[i][c], Parity.TOLERANCE));
                }
            }
            int label = smile.labels()[i];
            String expected = classes.get(label);
            if (!expected.equals(onnx.labels()[i])) {
                int other = classes.indexOf(onnx.labels()[i]);
                if (other < 0 || !(trained[label] - trained[other] <= Parity.TOLERANCE)) {
                    throw new ExportException(String.format(Locale.ROOT,
                            "the exported model disagrees with the trained one on test row %d: label %s in the trained model,"
                                    + " %s in ONNX Runtime%s",
                            rows[i], expected, onnx.labels()[i], other < 0 ? "" : String.format(Locale.ROOT,
                                    " (the trained model scores them %.17g and %.17g: not a tie within %.0e)",
                                    trained[label], trained[other], Parity.TOLERANCE)));
                }
                ties.add(rows[i]);
            }
        }
        double agreement = n == 0 ? 1.0 : (double) (n - ties.size()) / n;
        return new Parity(n, agreement, diffs.maxAbs, diffs.maxRel, ties);
    }

    private static Parity values(double[] smile, double[] onnx, int[] rows) {
        Differences diffs = new Differences();
        for (int i = 0; i < smile.length; i++) {
            if (!diffs.add(smile[i], onnx[i])) {
                throw new ExportException(String.format(Locale.ROOT,
                        "the exported model disagrees with the trained one on test row %d: prediction %.17g in the trained model,"
                                + " %.17g in ONNX Runtime (difference %.3g, tolerance %.0e · max(1, |trained value|))",
                        rows[i], smile[i], onnx[i], Math.abs(smile[i] - onnx[i]), Parity.TOLERANCE));
            }
        }
        return new Parity(smile.length, 1.0, diffs.maxAbs, diffs.maxRel, List.of());
    }

    /** The largest differences seen so far. */
    private static final class Differences {
        double maxAbs;
        double maxRel;

        /** Records one pair; false when it is beyond the tolerance (or not a number). */
        boolean add(double trained, double onnx) {
            double d = Math.abs(trained - onnx);
            if (!(d <= Parity.allowed(trained))) {
                return false;
            }
            maxAbs = Math.max(maxAbs, d);
            maxRel = Math.max(maxRel, d / Math.max(1, Math.abs(trained)));
            return true;
        }
    }
}
