package dev.mlship.evaluate;

import dev.mlship.config.MetricName;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Percentile bootstrap: 95 % intervals of test metrics from resampling the test rows, seeded. */
public final class Bootstrap {
    private Bootstrap() {}

    /**
     * @return for each metric {low, high}, or no entry when fewer than half the resamples give a defined
     *     value (e.g. AUC on a test split with very few positives)
     */
    public static Map<MetricName, double[]> intervals(
            List<MetricName> metrics, Target target, Predictions predictions, int resamples, long seed) {
        Map<MetricName, double[]> out = new EnumMap<>(MetricName.class);
        if (resamples <= 0) {
            return out;
        }
        int n = target.size();
        // One generator per resample, split up front: the result does not depend on thread scheduling.
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[resamples];
        for (int b = 0; b < resamples; b++) {
            streams[b] = root.split();
        }
        // AUC would sort every resample; with the scores sorted once it is a pass over counts (same value).
        ResampledAuc auc = metrics.contains(MetricName.AUC) ? ResampledAuc.of(target, predictions) : null;
        List<MetricName> others = auc == null ? metrics : metrics.stream().filter(m -> m != MetricName.AUC).toList();
        double[][] values = new double[resamples][];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            int[] rows = streams[b].ints(n, 0, n).toArray();
            Map<MetricName, Double> m = others.isEmpty() ? new EnumMap<>(MetricName.class)
                    : new EnumMap<>(Metrics.compute(others, target.select(rows), predictions.select(rows)));
            if (auc != null) {
                m.put(MetricName.AUC, auc.of(((Target.Classes) target).codes(), rows));
            }
            values[b] = metrics.stream().mapToDouble(m::get).toArray();
        });
        for (int j = 0; j < metrics.size(); j++) {
            int col = j;
            double[] defined = Arrays.stream(values).mapToDouble(v -> v[col]).filter(Double::isFinite).sorted().toArray();
            if (defined.length * 2 >= resamples) {
                out.put(metrics.get(j), new double[] {percentile(defined, 0.025), percentile(defined, 0.975)});
            }
        }
        return out;
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
