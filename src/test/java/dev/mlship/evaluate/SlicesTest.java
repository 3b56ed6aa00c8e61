package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.EvaluateSpec.SliceGateSpec;
import dev.mlship.config.EvaluateSpec.SliceSpec;
import dev.mlship.config.MetricName;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.ColumnType;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlicesTest {
    private static final List<String> BINARY = List.of("no", "yes");

    @Test
    void aSliceWhereTheCandidateIsWorseByConstructionShowsASignificantNegativeDelta() {
        int n = 3000;
        Random r = new Random(11);
        int[] home = IntStream.range(0, n).map(i -> i % 3).toArray(); // rent, own, mortgage: 1,000 rows each
        double[] age = IntStream.range(0, n).mapToDouble(i -> 20 + r.nextInt(50)).toArray();
        int[] label = IntStream.range(0, n).map(i -> r.nextDouble() < 0.4 ? 1 : 0).toArray();
        double[] signal = IntStream.range(0, n).mapToDouble(i -> label[i] + 0.7 * r.nextGaussian()).toArray();
        double[] garbage = IntStream.range(0, n).mapToDouble(i -> r.nextGaussian()).toArray();
        // The baseline ranks everyone by the signal; the candidate does too, except for renters, where it guesses.
        Predictions baseline = probabilities(signal);
        Predictions candidate = probabilities(IntStream.range(0, n).mapToDouble(i -> home[i] == 0 ? garbage[i] : signal[i]).toArray());
        Table test = new Table(List.<Column>of(
                new CategoricalColumn("Home", ColumnType.CATEGORICAL, home, List.of("rent", "own", "mortgage")),
                new NumericColumn("Age", age)), n);

        List<Slices.Slice> slices = Slices.of(List.of(new SliceSpec("Home", null), new SliceSpec("Age", List.of(30.0, 50.0))), test,
                new Target.Classes(label, BINARY), candidate, baseline, List.of(MetricName.AUC), 30, 500, 42);

        Slices.Slice rent = find(slices, "Home", "rent");
        assertThat(rent.rows()).isEqualTo(1000);
        assertThat(rent.diff().get(MetricName.AUC).value()).isLessThan(-0.2);
        assertThat(rent.diff().get(MetricName.AUC).ci()[1]).as("the interval's upper end").isLessThan(0);
        assertThat(rent.diff().get(MetricName.AUC).significant()).isTrue();
        Slices.Slice own = find(slices, "Home", "own");
        assertThat(own.diff().get(MetricName.AUC).value()).isEqualTo(0.0);
        assertThat(own.diff().get(MetricName.AUC).significant()).isFalse();
        assertThat(slices).extracting(Slices.Slice::value)
                .containsExactly("mortgage", "own", "rent", "≤ 30", "30 – 50", "> 50");
        int ageRows = slices.stream().filter(s -> s.column().equals("Age")).mapToInt(Slices.Slice::rows).sum();
        assertThat(ageRows).isEqualTo(n);

        List<GateResult> gates = Slices.gates(Map.of(MetricName.AUC, new SliceGateSpec(0.7, null)), slices);
        assertThat(gates).filteredOn(g -> !g.passed()).extracting(GateResult::name).containsExactly("auc on Home = rent");
    }

    @Test
    void aSliceUnderTheMinimumRowCountIsReportedButNotJudged() {
        int[] home = {0, 0, 0, 0, 1, 1};
        int[] label = {0, 1, 0, 1, 0, 1};
        Predictions p = probabilities(new double[] {.1, .9, .2, .8, .9, .1});
        Table test = new Table(List.<Column>of(new CategoricalColumn("Home", ColumnType.CATEGORICAL, home, List.of("rent", "own"))), 6);

        List<Slices.Slice> slices = Slices.of(List.of(new SliceSpec("Home", null)), test, new Target.Classes(label, BINARY), p, p,
                List.of(MetricName.AUC), 3, 100, 1);

        Slices.Slice own = find(slices, "Home", "own");
        assertThat(own.judged()).isFalse();
        assertThat(own.metrics().get(MetricName.AUC)).isEqualTo(0.0);
        assertThat(own.diff()).isNull();
        assertThat(Slices.gates(Map.of(MetricName.AUC, new SliceGateSpec(0.5, null)), slices)).extracting(GateResult::scope)
                .containsExactly("Home = rent");
    }

    private static Slices.Slice find(List<Slices.Slice> slices, String column, String value) {
        return slices.stream().filter(s -> s.column().equals(column) && s.value().equals(value)).findFirst().orElseThrow();
    }

    private static Predictions probabilities(double[] score) {
        double[][] p = new double[score.length][];
        int[] labels = new int[score.length];
        for (int i = 0; i < score.length; i++) {
            double p1 = 1 / (1 + Math.exp(-score[i]));
            p[i] = new double[] {1 - p1, p1};
            labels[i] = p1 > 0.5 ? 1 : 0;
        }
        return new Predictions.Classes(labels, p);
    }
}
