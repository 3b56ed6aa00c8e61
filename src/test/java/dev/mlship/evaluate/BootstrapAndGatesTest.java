package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.EvaluateSpec.GateSpec;
import dev.mlship.config.MetricName;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapAndGatesTest {
    private static Target.Values truth;
    private static Predictions.Values noisy;

    static {
        SplittableRandom r = new SplittableRandom(7);
        double[] y = new double[300];
        double[] p = new double[300];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble() * 10;
            p[i] = y[i] + r.nextGaussian();
        }
        truth = new Target.Values(y);
        noisy = new Predictions.Values(p);
    }

    @Test
    void intervalIsSeededAndSurroundsTheValue() {
        List<MetricName> m = List.of(MetricName.RMSE, MetricName.R2);
        Map<MetricName, double[]> a = Bootstrap.intervals(m, truth, noisy, 500, 42);
        Map<MetricName, double[]> b = Bootstrap.intervals(m, truth, noisy, 500, 42);
        Map<MetricName, double[]> c = Bootstrap.intervals(m, truth, noisy, 500, 43);
        Map<MetricName, Double> point = Metrics.compute(m, truth, noisy);

        for (MetricName metric : m) {
            assertThat(a.get(metric)).as(metric.name()).containsExactly(b.get(metric));
            assertThat(a.get(metric)).as(metric.name()).isNotEqualTo(c.get(metric));
            assertThat(a.get(metric)[0]).as(metric.name()).isLessThan(point.get(metric));
            assertThat(a.get(metric)[1]).as(metric.name()).isGreaterThan(point.get(metric));
        }
    }

    /**
     * The 2.5 and 97.5 percentiles of the resampled metrics, recomputed here: the same resamples (one
     * split generator per resample, from the seed), RMSE and R² written out, and numpy's linear
     * interpolation. An interval from the extremes of the resamples, or from other quantiles, differs.
     * Tolerance 1e-12 relative: only the order of summation may differ.
     */
    @Test
    void intervalIsThePercentileIntervalOfTheResampledMetrics() {
        double[] y = truth.values();
        double[] p = noisy.values();
        int n = y.length;
        int resamples = 500;
        SplittableRandom root = new SplittableRandom(42);
        double[] rmse = new double[resamples];
        double[] r2 = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            int[] rows = root.split().ints(n, 0, n).toArray();
            double mean = 0;
            for (int i : rows) {
                mean += y[i];
            }
            mean /= n;
            double residual = 0;
            double total = 0;
            for (int i : rows) {
                residual += (y[i] - p[i]) * (y[i] - p[i]);
                total += (y[i] - mean) * (y[i] - mean);
            }
            rmse[b] = Math.sqrt(residual / n);
            r2[b] = 1 - residual / total;
        }

        Map<MetricName, double[]> got = Bootstrap.intervals(List.of(MetricName.RMSE, MetricName.R2), truth, noisy, resamples, 42);

        assertInterval(got.get(MetricName.RMSE), rmse, "RMSE");
        assertInterval(got.get(MetricName.R2), r2, "R2");
    }

    private static void assertInterval(double[] got, double[] resampled, String what) {
        double[] sorted = resampled.clone();
        java.util.Arrays.sort(sorted);
        double low = quantile(sorted, 0.025);
        double high = quantile(sorted, 0.975);
        // Strictly inside the extremes: otherwise min/max would pass as well.
        assertThat(low).as(what).isGreaterThan(sorted[0]);
        assertThat(high).as(what).isLessThan(sorted[sorted.length - 1]);
        assertThat(got).as(what).hasSize(2);
        assertThat(got[0]).as(what + " low").isCloseTo(low, org.assertj.core.api.Assertions.withinPercentage(1e-10));
        assertThat(got[1]).as(what + " high").isCloseTo(high, org.assertj.core.api.Assertions.withinPercentage(1e-10));
    }

    /** numpy.quantile's default: linear between the order statistics around q·(n-1). */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int below = (int) pos;
        double frac = pos - below;
        return frac == 0 ? sorted[below] : sorted[below] * (1 - frac) + sorted[below + 1] * frac;
    }

    @Test
    void zeroResamplesMeansNoIntervals() {
        assertThat(Bootstrap.intervals(List.of(MetricName.RMSE), truth, noisy, 0, 1)).isEmpty();
    }

    @Test
    void gatesCompareWithTheirThresholdsInTheOrderConfigured() {
        Map<MetricName, GateSpec> gates = new java.util.LinkedHashMap<>();
        gates.put(MetricName.AUC, new GateSpec(0.8, null, null));
        gates.put(MetricName.LOGLOSS, new GateSpec(null, 0.5, null));
        List<GateResult> r = Gates.check(gates, Map.of(MetricName.AUC, 0.75, MetricName.LOGLOSS, 0.4));

        assertThat(r).containsExactly(
                new GateResult(MetricName.AUC, "min", 0.8, 0.75, false),
                new GateResult(MetricName.LOGLOSS, "max", 0.5, 0.4, true));
        assertThat(r.get(0).shortfall()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Gates.allPassed(r)).isFalse();
    }

    @Test
    void anUndefinedMetricFailsItsGate() {
        assertThat(Gates.check(Map.of(MetricName.AUC, new GateSpec(0.5, null, null)), Map.of(MetricName.AUC, Double.NaN)))
                .extracting(GateResult::passed).containsExactly(false);
    }
}
