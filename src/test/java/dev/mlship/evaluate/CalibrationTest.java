package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final List<String> BINARY = List.of("no", "yes");

    @Test
    void aCalibratedModelsReliabilityTableFollowsTheDiagonal() {
        int n = 50_000;
        Random r = new Random(5);
        double[][] p = new double[n][];
        int[] labels = new int[n];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double p1 = r.nextDouble();
            p[i] = new double[] {1 - p1, p1};
            truth[i] = r.nextDouble() < p1 ? 1 : 0; // outcomes drawn with exactly the predicted probability
            labels[i] = p1 > .5 ? 1 : 0;
        }

        Reliability table = Reliability.of(new Target.Classes(truth, BINARY), new Predictions.Classes(labels, p));

        assertThat(table.bins()).hasSize(10);
        assertThat(table.bins().stream().mapToInt(Reliability.Bin::count).sum()).isEqualTo(n);
        for (Reliability.Bin b : table.bins()) {
            assertThat(b.meanPredicted()).isBetween(b.lower(), b.upper());
            // ~5,000 rows a bin: the observed rate is within 4 standard errors (≤ 0.03) of the mean prediction.
            assertThat(b.observed()).isCloseTo(b.meanPredicted(), within(0.03));
        }
    }

    @Test
    void rocCurveOfAPerfectRankingReachesOneAtZeroFalsePositives() {
        int[] truth = {0, 0, 1, 1};
        double[][] p = {{.9, .1}, {.8, .2}, {.3, .7}, {.1, .9}};
        RocCurve roc = RocCurve.of(new Target.Classes(truth, BINARY), new Predictions.Classes(new int[] {0, 0, 1, 1}, p));

        assertThat(roc.truePositiveRates()[0]).isEqualTo(1.0);
        assertThat(roc.falsePositiveRates()).hasSize(RocCurve.POINTS);
    }

    @Test
    void rocCurveOfOneMistakeStepsAtItsFalsePositiveRate() {
        // Scores: negative .7 ranks above positive .4. At FPR 0: TPR 1/2 (.9 only); at FPR 1/2: TPR 1.
        int[] truth = {1, 0, 1, 0};
        double[][] p = {{.1, .9}, {.3, .7}, {.6, .4}, {.9, .1}};
        RocCurve roc = RocCurve.of(new Target.Classes(truth, BINARY), new Predictions.Classes(new int[] {1, 1, 0, 0}, p));

        assertThat(roc.truePositiveRates()[0]).isEqualTo(0.5);
        assertThat(roc.truePositiveRates()[9]).isEqualTo(0.5); // FPR 0.45
        assertThat(roc.truePositiveRates()[10]).isEqualTo(1.0); // FPR 0.5
    }

    @Test
    void regressionBinsComparePredictedAndActualMeans() {
        double[] truth = new double[1000];
        double[] predicted = new double[1000];
        for (int i = 0; i < 1000; i++) {
            predicted[i] = i;
            truth[i] = 2 * i; // the model predicts half of every value
        }
        Reliability table = Reliability.of(truth, predicted);
        assertThat(table.bins()).hasSize(10);
        assertThat(table.bins().getFirst().meanPredicted()).isEqualTo(49.5);
        assertThat(table.bins().getFirst().observed()).isEqualTo(99.0);
    }
}
