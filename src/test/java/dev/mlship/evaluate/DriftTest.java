package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.ColumnType;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static final int ROWS = 5000;

    /** 20 unchanged normal features (a fresh sample each), one shifted by a known amount, one categorical. */
    private static Table table(long seed, double shift, double[] categoryWeights) {
        Random r = new Random(seed);
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < 20; f++) {
            columns.add(new NumericColumn("same" + f, IntStream.range(0, ROWS).mapToDouble(i -> r.nextGaussian()).toArray()));
        }
        columns.add(new NumericColumn("shifted", IntStream.range(0, ROWS).mapToDouble(i -> shift + r.nextGaussian()).toArray()));
        int[] codes = IntStream.range(0, ROWS).map(i -> pick(r.nextDouble(), categoryWeights)).toArray();
        columns.add(new CategoricalColumn("home", ColumnType.CATEGORICAL, codes, List.of("rent", "own", "mortgage")));
        return new Table(columns, ROWS);
    }

    private static int pick(double u, double[] weights) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (u < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static List<String> features(Table t) {
        return t.names();
    }

    @Test
    void aShiftedFeatureIsFlaggedAndResampledUnchangedOnesAreNot() {
        Table before = table(1, 0, new double[] {.5, .3, .2});
        Table after = table(2, 0.5, new double[] {.5, .3, .2});
        TrainingStatistics stats = TrainingStatistics.of(before, features(before));

        Drift.Report report = Drift.of(stats, after, features(after), Drift.DEFAULT_THRESHOLD, Set.of());

        // A half-standard-deviation shift of a normal: PSI on deciles ≈ 0.24 (computed below from the normal's CDF).
        assertThat(report.features().get("shifted").statistic()).isCloseTo(expectedPsiOfShift(0.5), within(0.05));
        assertThat(report.drifted()).containsExactly("shifted");
        // False alarms: 0 of 20 unchanged features (5,000 fresh rows each); their PSI is sampling noise, ~0.004.
        double worstUnchanged = IntStream.range(0, 20).mapToDouble(f -> report.features().get("same" + f).statistic()).max()
                .orElseThrow();
        assertThat(worstUnchanged).isLessThan(0.02);
        assertThat(report.features().get("home").drifted()).isFalse();
    }

    @Test
    void aCategoryWhoseMixChangedIsFlagged() {
        Table before = table(1, 0, new double[] {.5, .3, .2});
        Table after = table(3, 0, new double[] {.2, .3, .5});

        Drift.Report report = Drift.of(TrainingStatistics.of(before, features(before)), after, features(after), 0.2, Set.of());

        // PSI = Σ (q − p) ln(q/p) = (.2−.5) ln(.2/.5) + 0 + (.5−.2) ln(.5/.2) = 0.6 ln 2.5 ≈ 0.55
        assertThat(report.features().get("home").statistic()).isCloseTo(0.6 * Math.log(2.5), within(0.05));
        assertThat(report.drifted()).containsExactly("home");
    }

    @Test
    void ignoredFeaturesAreSkippedAndSaidSo() {
        Table before = table(1, 0, new double[] {.5, .3, .2});
        Table after = table(2, 2, new double[] {.5, .3, .2});

        Drift.Report report = Drift.of(TrainingStatistics.of(before, features(before)), after, features(after), 0.2,
                Set.of("shifted"));

        assertThat(report.features()).doesNotContainKey("shifted");
        assertThat(report.skipped()).containsEntry("shifted", "ignored");
        assertThat(report.drifted()).isEmpty();
    }

    @Test
    void statisticsReadBackFromTheirJsonGiveTheSameDrift() throws Exception {
        Table before = table(1, 0, new double[] {.5, .3, .2});
        Table after = table(2, 0.5, new double[] {.45, .35, .2});
        TrainingStatistics stats = TrainingStatistics.of(before, features(before));
        byte[] json = Json.bytes(stats);

        TrainingStatistics read = Json.mapper().readValue(json, TrainingStatistics.class);

        assertThat(Json.bytes(read)).isEqualTo(json);
        assertThat(Drift.of(read, after, features(after), 0.2, Set.of()))
                .isEqualTo(Drift.of(stats, after, features(after), 0.2, Set.of()));
        assertThat(Json.bytes(TrainingStatistics.of(before, features(before)))).as("same rows, same bytes").isEqualTo(json);
    }

    @Test
    void numericStatisticsMatchTheirDefinitions() {
        double[] values = {4, 1, Double.NaN, 3, 2, 5};
        TrainingStatistics.Feature f = TrainingStatistics.numeric(values);

        assertThat(f.count()).isEqualTo(5);
        assertThat(f.missing()).isEqualTo(1);
        assertThat(f.min()).isEqualTo(1.0);
        assertThat(f.max()).isEqualTo(5.0);
        assertThat(f.mean()).isEqualTo(3.0);
        assertThat(f.std()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(f.quantiles()).containsEntry("p50", 3.0).containsEntry("p25", 2.0);
        assertThat(java.util.Arrays.stream(f.counts()).sum()).isEqualTo(5);
    }

    @Test
    void categoriesBeyondTheTopAreCountedAsOther() {
        int levels = TrainingStatistics.TOP_CATEGORIES + 5;
        List<String> names = IntStream.range(0, levels).mapToObj(i -> "c" + i).toList();
        // Level i appears i + 1 times: the five rarest (c0..c4) fall into other.
        int[] codes = IntStream.range(0, levels).flatMap(i -> IntStream.range(0, i + 1).map(k -> i)).toArray();
        var c = new CategoricalColumn("x", ColumnType.CATEGORICAL, codes, names);

        TrainingStatistics.Feature f = TrainingStatistics.categorical(c);

        assertThat(f.categories()).hasSize(TrainingStatistics.TOP_CATEGORIES).doesNotContainKeys("c0", "c4").containsKey("c5");
        assertThat(f.other()).isEqualTo(1 + 2 + 3 + 4 + 5);
        assertThat(f.distinct()).isEqualTo(levels);
    }

    /** PSI of N(shift, 1) against N(0, 1) on the ten decile bins of N(0, 1). */
    private static double expectedPsiOfShift(double shift) {
        var normal = new smile.stat.distribution.GaussianDistribution(0, 1);
        double psi = 0;
        double lower = Double.NEGATIVE_INFINITY;
        for (int b = 1; b <= 10; b++) {
            double upper = b == 10 ? Double.POSITIVE_INFINITY : normal.quantile(b / 10.0);
            double q = cdf(normal, upper - shift) - cdf(normal, lower - shift);
            psi += (q - 0.1) * Math.log(q / 0.1);
            lower = upper;
        }
        return psi;
    }

    private static double cdf(smile.stat.distribution.GaussianDistribution n, double x) {
        return Double.isInfinite(x) ? (x > 0 ? 1 : 0) : n.cdf(x);
    }
}
