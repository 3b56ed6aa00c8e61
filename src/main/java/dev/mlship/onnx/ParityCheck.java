package dev.mlship.onnx;

import dev.mlship.evaluate.Predictions;
import java.util.List;
import java.util.Locale;

/**
 * Compares ONNX Runtime's outputs with the trained model's own predictions (Smile's or XGBoost's):
 * labels must agree on every row and every probability or regression output within
 * {@link Parity#TOLERANCE}. Feature values are not named in the failure, since CI logs of public
 * repositories are public.
 */
public final class ParityCheck {
    private ParityCheck() {}

    /** @throws ExportException naming the first row that disagrees */
    public static Parity compare(Predictions smile, Scores onnx, List<String> classes) {
        return switch (smile) {
            case Predictions.Classes c -> classes(c, onnx, classes);
            case Predictions.Values v -> values(v.values(), onnx.predictions());
        };
    }

    private static Parity classes(Predictions.Classes smile, Scores onnx, List<String> classes) {
        int n = smile.size();
        int agree = 0;
        double maxDiff = 0;
        for (int i = 0; i < n; i++) {
            String expected = classes.get(smile.labels()[i]);
            if (!expected.equals(onnx.labels()[i])) {
                throw new ExportException(String.format(Locale.ROOT,
                        "the exported model disagrees with the trained one on test row %d: label %s in the trained model,"
                                + " %s in ONNX Runtime",
                        i, expected, onnx.labels()[i]));
            }
            agree++;
            for (int c = 0; c < classes.size(); c++) {
                double d = Math.abs(smile.probabilities()[i][c] - onnx.probabilities()[i][c]);
                if (!(d <= Parity.TOLERANCE)) {
                    throw new ExportException(String.format(Locale.ROOT,
                            "the exported model disagrees with the trained one on test row %d: probability of %s is %.17g in"
                                    + " the trained model, %.17g in ONNX Runtime (tolerance %.0e)",
                            i, classes.get(c), smile.probabilities()[i][c], onnx.probabilities()[i][c], Parity.TOLERANCE));
                }
                maxDiff = Math.max(maxDiff, d);
            }
        }
        return new Parity(n, n == 0 ? 1.0 : (double) agree / n, maxDiff);
    }

    private static Parity values(double[] smile, double[] onnx) {
        double maxDiff = 0;
        for (int i = 0; i < smile.length; i++) {
            double d = Math.abs(smile[i] - onnx[i]);
            if (!(d <= Parity.TOLERANCE)) {
                throw new ExportException(String.format(Locale.ROOT,
                        "the exported model disagrees with the trained one on test row %d: prediction %.17g in the trained model,"
                                + " %.17g in ONNX Runtime (tolerance %.0e)", i, smile[i], onnx[i], Parity.TOLERANCE));
            }
            maxDiff = Math.max(maxDiff, d);
        }
        return new Parity(smile.length, 1.0, maxDiff);
    }
}
