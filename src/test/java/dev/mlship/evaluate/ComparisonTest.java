package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.config.MetricName;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void theIntervalOfTheAucDifferenceEqualsSortingEveryResample() {
        int n = 500;
        Random r = new Random(9);
        int[] truth = new int[n];
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            truth[i] = r.nextDouble() < 0.3 ? 1 : 0;
            double pa = Math.rint(100 / (1 + Math.exp(-(truth[i] + r.nextGaussian())))) / 100; // ties on purpose
            double pb = 1 / (1 + Math.exp(-(0.5 * truth[i] + r.nextGaussian())));
            a[i] = new double[] {1 - pa, pa};
            b[i] = new double[] {1 - pb, pb};
        }
        Target.Classes t = new Target.Classes(truth, List.of("no", "yes"));
        Predictions.Classes candidate = new Predictions.Classes(new int[n], a);
        Predictions.Classes baseline = new Predictions.Classes(new int[n], b);
        int resamples = 300;

        Comparison c = Comparison.of(List.of(MetricName.AUC, MetricName.BRIER), t, candidate, baseline, resamples, 42);

        // The same resamples, each sorted by Smile's AUC.
        SplittableRandom root = new SplittableRandom(42);
        double[] deltas = new double[resamples];
        for (int k = 0; k < resamples; k++) {
            int[] rows = root.split().ints(n, 0, n).toArray();
            var sub = t.select(rows);
            deltas[k] = Metrics.compute(List.of(MetricName.AUC), sub, candidate.select(rows)).get(MetricName.AUC)
                    - Metrics.compute(List.of(MetricName.AUC), sub, baseline.select(rows)).get(MetricName.AUC);
        }
        Arrays.sort(deltas);
        double[] ci = c.diffs().get(MetricName.AUC).ci();
        assertThat(ci[0]).isCloseTo(Bootstrap.percentile(deltas, 0.025), within(1e-12));
        assertThat(ci[1]).isCloseTo(Bootstrap.percentile(deltas, 0.975), within(1e-12));
        assertThat(c.diffs().get(MetricName.AUC).significant()).isTrue();
        assertThat(c.diffs().get(MetricName.BRIER).ci()).hasSize(2);
    }
}
