package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.config.MetricName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final List<String> BINARY = List.of("no", "yes");

    @Test
    void binaryMetricsScoreThePositiveClass() {
        // truth: 1 1 1 0 0 0 ; predicted: 1 1 0 1 0 0 -> tp 2, fn 1, fp 1, tn 2
        var t = new Target.Classes(new int[] {1, 1, 1, 0, 0, 0}, BINARY);
        var p = new Predictions.Classes(new int[] {1, 1, 0, 1, 0, 0},
                new double[][] {{.1, .9}, {.2, .8}, {.6, .4}, {.3, .7}, {.9, .1}, {.8, .2}});
        Map<MetricName, Double> m = Metrics.compute(List.of(MetricName.values()).subList(0, 8), t, p);

        assertThat(m.get(MetricName.ACCURACY)).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(m.get(MetricName.PRECISION)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.get(MetricName.RECALL)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.get(MetricName.F1)).isCloseTo(2 / 3.0, within(1e-12));
        // positives score .9 .8 .4, negatives .7 .1 .2: 8 of 9 pairs ordered right (only .4 < .7)
        assertThat(m.get(MetricName.AUC)).isCloseTo(8 / 9.0, within(1e-12));
        double logloss = -(Math.log(.9) + Math.log(.8) + Math.log(.4) + Math.log(.3) + Math.log(.9) + Math.log(.8)) / 6;
        assertThat(m.get(MetricName.LOGLOSS)).isCloseTo(logloss, within(1e-12));
    }

    @Test
    void brierIsTheMeanSquaredGapBetweenThePositiveProbabilityAndTheOutcome() {
        var t = new Target.Classes(new int[] {1, 1, 1, 0, 0, 0}, BINARY);
        var p = new Predictions.Classes(new int[] {1, 1, 0, 1, 0, 0},
                new double[][] {{.1, .9}, {.2, .8}, {.6, .4}, {.3, .7}, {.9, .1}, {.8, .2}});
        // (1-.9)² + (1-.8)² + (1-.4)² + .7² + .1² + .2² = .01 + .04 + .36 + .49 + .01 + .04 = .95, over 6 rows
        assertThat(Metrics.compute(List.of(MetricName.BRIER), t, p).get(MetricName.BRIER)).isCloseTo(0.95 / 6, within(1e-12));
    }

    @Test
    void logLossStaysFiniteWhenAConfidentPredictionIsWrong() {
        var t = new Target.Classes(new int[] {1, 0}, BINARY);
        var p = new Predictions.Classes(new int[] {0, 0}, new double[][] {{1, 0}, {1, 0}});
        double loss = Metrics.compute(List.of(MetricName.LOGLOSS), t, p).get(MetricName.LOGLOSS);
        assertThat(loss).isCloseTo(-Math.log(1e-15) / 2, within(1e-9));
    }

    @Test
    void multiclassAucIsTheMeanOfOneVsRest() {
        var t = new Target.Classes(new int[] {0, 1, 2, 0, 1, 2}, List.of("a", "b", "c"));
        double[][] perfect = {{.8, .1, .1}, {.1, .8, .1}, {.1, .1, .8}, {.7, .2, .1}, {.2, .7, .1}, {.1, .2, .7}};
        var p = new Predictions.Classes(new int[] {0, 1, 2, 0, 1, 2}, perfect);
        Map<MetricName, Double> m = Metrics.compute(List.of(MetricName.AUC, MetricName.F1_MACRO, MetricName.F1_WEIGHTED), t, p);
        assertThat(m.get(MetricName.AUC)).isEqualTo(1.0);
        assertThat(m.get(MetricName.F1_MACRO)).isEqualTo(1.0);
        assertThat(m.get(MetricName.F1_WEIGHTED)).isEqualTo(1.0);
    }

    @Test
    void aucIsUndefinedWithOneClassPresent() {
        var t = new Target.Classes(new int[] {1, 1}, BINARY);
        var p = new Predictions.Classes(new int[] {1, 1}, new double[][] {{.1, .9}, {.2, .8}});
        assertThat(Metrics.compute(List.of(MetricName.AUC), t, p).get(MetricName.AUC)).isNaN();
    }

    @Test
    void regressionMetrics() {
        var t = new Target.Values(new double[] {1, 2, 4});
        var p = new Predictions.Values(new double[] {2, 2, 2});
        Map<MetricName, Double> m = Metrics.compute(MetricName.of(dev.mlship.config.Task.REGRESSION), t, p);
        assertThat(m.get(MetricName.RMSE)).isCloseTo(Math.sqrt(5 / 3.0), within(1e-12));
        assertThat(m.get(MetricName.MAE)).isCloseTo(1.0, within(1e-12));
        // mean 7/3: total sum of squares 14/3, residual 5 -> r2 = 1 - 5 / (14/3)
        assertThat(m.get(MetricName.R2)).isCloseTo(1 - 5 / (14 / 3.0), within(1e-12));
        assertThat(m.get(MetricName.MAPE)).isCloseTo((1 + 0 + 0.5) / 3, within(1e-12));
    }
}
