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
        double rmse = Metrics.compute(m, truth, noisy).get(MetricName.RMSE);

        assertThat(a.get(MetricName.RMSE)).containsExactly(b.get(MetricName.RMSE));
        assertThat(a.get(MetricName.RMSE)).isNotEqualTo(c.get(MetricName.RMSE));
        assertThat(a.get(MetricName.RMSE)[0]).isLessThan(rmse);
        assertThat(a.get(MetricName.RMSE)[1]).isGreaterThan(rmse);
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
