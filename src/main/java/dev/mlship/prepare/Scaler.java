package dev.mlship.prepare;

import dev.mlship.config.PrepareSpec.Scaling;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fits the scaling of each numeric feature on its imputed training values. */
public final class Scaler {
    private Scaler() {}

    public static FittedScaler fit(Map<String, double[]> imputedTrain, Scaling scaling) {
        Map<String, Double> center = new LinkedHashMap<>();
        Map<String, Double> scale = new LinkedHashMap<>();
        imputedTrain.forEach((name, imputed) -> {
            // With impute none a column keeps its NaN: the statistics come from the values present.
            double[] values = java.util.Arrays.stream(imputed).filter(v -> !Double.isNaN(v)).toArray();
            double[] cs = switch (scaling) {
                case NONE -> new double[] {0.0, 1.0};
                case STANDARD -> standard(values);
                case MINMAX -> minMax(values);
            };
            center.put(name, cs[0]);
            scale.put(name, cs[1]);
        });
        return new FittedScaler(center, scale);
    }

    private static double[] standard(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean = v.length == 0 ? 0 : mean / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = v.length == 0 ? 0 : Math.sqrt(ss / v.length);
        return new double[] {mean, nonZero(std)};
    }

    private static double[] minMax(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (v.length == 0) {
            return new double[] {0.0, 1.0};
        }
        return new double[] {min, nonZero(max - min)};
    }

    /** A constant column would divide by zero: leave it unscaled, as scikit-learn does. */
    private static double nonZero(double s) {
        return s == 0 || !Double.isFinite(s) ? 1.0 : s;
    }
}
