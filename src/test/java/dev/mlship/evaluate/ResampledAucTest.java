package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.MetricName;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResampledAucTest {
    private static final List<String> NAMES = List.of("no", "yes");

    /** Scores on a coarse grid, so many rows tie, with -0.0 and 0.0 among them. */
    private static Predictions.Classes predictions(Random random, int n) {
        int[] labels = new int[n];
        double[][] prob = new double[n][2];
        for (int i = 0; i < n; i++) {
            double p = random.nextInt(20) / 19.0;
            prob[i][1] = random.nextInt(50) == 0 ? (random.nextBoolean() ? -0.0 : 0.0) : p;
            prob[i][0] = 1 - prob[i][1];
            labels[i] = prob[i][1] > 0.5 ? 1 : 0;
        }
        return new Predictions.Classes(labels, prob);
    }

    @Test
    void everyResampleGivesSmilesValueBitForBit() {
        Random random = new Random(11);
        for (int n : new int[] {1, 2, 3, 17, 1000}) {
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                codes[i] = random.nextInt(3) == 0 ? 1 : 0;
            }
            Target.Classes truth = new Target.Classes(codes, NAMES);
            Predictions.Classes predicted = predictions(random, n);
            ResampledAuc fast = ResampledAuc.of(truth, predicted);
            assertThat(fast).isNotNull();
            for (int b = 0; b < 200; b++) {
                int[] rows = random.ints(n, 0, n).toArray();
                double expected = Metrics.compute(List.of(MetricName.AUC), truth.select(rows), predicted.select(rows))
                        .get(MetricName.AUC);
                assertThat(Double.doubleToLongBits(fast.of(codes, rows))).as("n=%d resample %d", n, b)
                        .isEqualTo(Double.doubleToLongBits(expected));
            }
        }
    }

    @Test
    void aResampleWithOneClassHasNoAuc() {
        Target.Classes truth = new Target.Classes(new int[] {0, 1, 0}, NAMES);
        Predictions.Classes predicted = new Predictions.Classes(new int[] {0, 1, 0},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}});
        assertThat(ResampledAuc.of(truth, predicted).of(truth.codes(), new int[] {0, 2, 2})).isNaN();
        assertThat(ResampledAuc.of(truth, predicted).of(truth.codes(), new int[] {0, 1, 2})).isEqualTo(1.0);
    }

    @Test
    void multiclassAndNaNScoresTakeTheGeneralPath() {
        Target.Classes three = new Target.Classes(new int[] {0, 1, 2}, List.of("a", "b", "c"));
        Predictions.Classes p3 = new Predictions.Classes(new int[] {0, 1, 2},
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(ResampledAuc.of(three, p3)).isNull();

        Target.Classes two = new Target.Classes(new int[] {0, 1}, NAMES);
        Predictions.Classes nan = new Predictions.Classes(new int[] {0, 1}, new double[][] {{1, 0}, {Double.NaN, Double.NaN}});
        assertThat(ResampledAuc.of(two, nan)).isNull();
    }
}
