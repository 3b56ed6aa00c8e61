package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.config.MetricName;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
    private static final List<String> BINARY = List.of("no", "yes");

    @Test
    void theFeatureTheLabelDependsOnRanksFirstAndNoiseNearZero() {
        int n = 20_000; // above the sample cap: importance is measured on a seeded 10,000-row sample
        Random r = new Random(7);
        double[] signal = IntStream.range(0, n).mapToDouble(i -> r.nextGaussian()).toArray();
        double[] weak = IntStream.range(0, n).mapToDouble(i -> r.nextGaussian()).toArray();
        double[] noise = IntStream.range(0, n).mapToDouble(i -> r.nextGaussian()).toArray();
        int[] label = IntStream.range(0, n).map(i -> 2 * signal[i] + 0.5 * weak[i] + r.nextGaussian() > 0 ? 1 : 0).toArray();
        Table table = new Table(List.<Column>of(new NumericColumn("noise", noise), new NumericColumn("signal", signal),
                new NumericColumn("weak", weak)), n);
        // The model knows the true coefficients; it ignores noise.
        Function<Table, Predictions> model = t -> {
            double[] s = ((NumericColumn) t.column("signal")).values();
            double[] w = ((NumericColumn) t.column("weak")).values();
            double[][] p = new double[t.rows()][];
            int[] labels = new int[t.rows()];
            for (int i = 0; i < t.rows(); i++) {
                double p1 = 1 / (1 + Math.exp(-(2 * s[i] + 0.5 * w[i]) * 1.6));
                p[i] = new double[] {1 - p1, p1};
                labels[i] = p1 > 0.5 ? 1 : 0;
            }
            return new Predictions.Classes(labels, p);
        };

        Map<String, Double> importance = PermutationImportance.of(model, table, new Target.Classes(label, BINARY),
                List.of("noise", "signal", "weak"), MetricName.AUC, 42);

        assertThat(importance.get("signal")).isGreaterThan(0.2);
        assertThat(importance.get("weak")).isBetween(0.005, importance.get("signal"));
        assertThat(importance.get("noise")).isCloseTo(0.0, within(1e-12)); // the model never reads it
        assertThat(PermutationImportance.of(model, table, new Target.Classes(label, BINARY), List.of("noise", "signal", "weak"),
                MetricName.AUC, 42)).as("seeded: the same run twice is the same").isEqualTo(importance);
    }

    @Test
    void forALowerIsBetterMetricImportanceIsTheRise() {
        int n = 2000;
        Random r = new Random(3);
        double[] x = IntStream.range(0, n).mapToDouble(i -> r.nextGaussian()).toArray();
        double[] y = IntStream.range(0, n).mapToDouble(i -> 3 * x[i]).toArray();
        Table table = new Table(List.<Column>of(new NumericColumn("x", x)), n);
        Function<Table, Predictions> model = t -> new Predictions.Values(
                java.util.Arrays.stream(((NumericColumn) t.column("x")).values()).map(v -> 3 * v).toArray());

        double rise = PermutationImportance.of(model, table, new Target.Values(y), List.of("x"), MetricName.RMSE, 1).get("x");

        // Shuffled, the error is 3(x − x') with x, x' independent N(0,1): RMSE ≈ 3√2.
        assertThat(rise).isCloseTo(3 * Math.sqrt(2), within(0.3));
    }
}
