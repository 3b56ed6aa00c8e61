package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.MetricName;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Task;
import dev.mlship.data.KFold;
import dev.mlship.data.Split;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import dev.mlship.onnx.SyntheticData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Successive halving over learners: who goes up a rung, on how many rows, and what the wall-clock cap does. */
class AutoSearchTest {
    private static final List<MetricName> METRICS = List.of(MetricName.AUC, MetricName.ACCURACY);
    private static final Table TABLE = SyntheticData.table(6000, 11, false);
    private static final Target.Classes Y = SyntheticData.classes(TABLE, 2, 12);
    private static final List<Split> FOLDS = KFold.of(TABLE.rows(), Y.codes(), 3, 5);

    private static AutoSearch search(LongSupplier clock, List<String> log) {
        return new AutoSearch(TABLE, SyntheticData.FEATURES, Y, PrepareSpec.DEFAULT, FOLDS, 5, log::add, clock);
    }

    @Test
    void theBestThirdAndEachCloseLearnersBestGoUpToThreeTimesTheRows() {
        List<AutoCandidate> candidates = AutoPortfolio.of(Task.CLASSIFICATION, 6, 5);
        List<String> log = new ArrayList<>();

        Leaderboard board = search(System::nanoTime, log).run(candidates, METRICS, MetricName.AUC, null).leaderboard();

        // 6 candidates on folds of 4000 rows: one halving, from a third of the rows to all of them.
        assertThat(Rung.plan(6, 4000)).containsExactly(new Rung(0, 1333), new Rung(1, 4000));
        assertThat(board.rungs()).isEqualTo(2);
        assertThat(board.entries()).hasSize(6);
        List<Leaderboard.Entry> top = board.entries().stream().filter(e -> e.rung() == 1).toList();
        assertThat(top).allMatch(e -> e.rows() == 4000 && e.folds() == 3);
        assertThat(board.entries().stream().filter(e -> e.rung() == 0)).allMatch(e -> e.rows() >= 1333 && e.rows() < 1400);
        assertThat(board.evaluations()).isEqualTo(6 + top.size());

        // Who went up, from the first rung's scores in the log: the best two (a third of 6), and each other learner's
        // best when within two of its standard deviations of the second.
        Map<Integer, double[]> first = new HashMap<>();
        Map<Integer, AlgorithmName> learner = new HashMap<>();
        Pattern line = Pattern.compile("auto rung 1/2 \\(\\d+ rows\\) #(\\d+) (\\w+) .*: auc=([0-9.]+) ± ([0-9.]+) .*");
        for (String l : log) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                int trial = Integer.parseInt(m.group(1));
                first.put(trial, new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
                learner.put(trial, AlgorithmName.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT)));
            }
        }
        assertThat(first).hasSize(6);
        List<Integer> byScore = first.keySet().stream().sorted(Comparator.comparingDouble((Integer t) -> -first.get(t)[0])
                .thenComparing(t -> t)).toList();
        Set<Integer> expected = new HashSet<>(byScore.subList(0, 2));
        double cutoff = first.get(byScore.get(1))[0];
        Set<AlgorithmName> seen = new HashSet<>();
        for (int t : byScore) {
            if (seen.add(learner.get(t)) && Math.abs(cutoff - first.get(t)[0]) <= 2 * first.get(t)[1]) {
                expected.add(t);
            }
        }
        assertThat(top.stream().map(e -> e.candidate().trial()).toList()).containsExactlyInAnyOrderElementsOf(expected);

        // Ranked: the last rung first, then by CV mean (AUC: higher is better); the winner heads the list.
        assertThat(board.entries().subList(0, top.size())).isEqualTo(top);
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i - 1).primary(MetricName.AUC).mean()).isGreaterThanOrEqualTo(top.get(i).primary(MetricName.AUC).mean());
        }
        assertThat(board.winner().primary(MetricName.AUC).mean()).isGreaterThan(0.8);
        assertThat(board.stoppedEarly()).isFalse();
        assertThat(log.getLast()).contains("won with auc=");

        // The same inputs choose the same candidate with the same scores (the same code path twice: bit for bit).
        Leaderboard again = search(System::nanoTime, new ArrayList<>()).run(candidates, METRICS, MetricName.AUC, null).leaderboard();
        assertThat(again.entries().stream().map(e -> e.candidate().trial() + " " + e.cv()).toList())
                .isEqualTo(board.entries().stream().map(e -> e.candidate().trial() + " " + e.cv()).toList());
    }

    @Test
    void aCapShorterThanOneFoldsFitIsRefusedWithThatFoldsTime() {
        AtomicLong now = new AtomicLong();
        LongSupplier tenSecondsPerLook = () -> now.addAndGet(10_000_000_000L);

        assertThatThrownBy(() -> search(tenSecondsPerLook, new ArrayList<>())
                .run(AutoPortfolio.of(Task.CLASSIFICATION, 2, 5), METRICS, MetricName.AUC, 1.0))
                .isInstanceOf(AutoSearch.CapTooShort.class)
                .hasMessage("one fold of the first candidate took 3.3 s");
    }

    @Test
    void aCapStopsBetweenScoringsAndTheBoardSaysSo() {
        AtomicLong now = new AtomicLong();
        LongSupplier oneSecondPerLook = () -> now.addAndGet(1_000_000_000L);

        Leaderboard board = search(oneSecondPerLook, new ArrayList<>())
                .run(AutoPortfolio.of(Task.CLASSIFICATION, 4, 5), METRICS, MetricName.AUC, 4.5).leaderboard();

        // Three looks at the clock per scoring: the second scoring starts at 4 s, the third would start past 4.5 s.
        assertThat(board.stoppedEarly()).isTrue();
        assertThat(board.evaluations()).isEqualTo(2);
        assertThat(board.entries()).hasSize(2).allMatch(e -> e.rung() == 0);
    }

    @Test
    void rungsGrowByThreeFromAThousandRowsToAHundredThousand() {
        assertThat(Rung.plan(12, 640_000).stream().map(Rung::rows)).containsExactly(3703, 11111, 33333, 100_000);
        assertThat(Rung.plan(12, 6400).stream().map(Rung::rows)).containsExactly(2133, 6400);
        assertThat(Rung.plan(12, 134).stream().map(Rung::rows)).containsExactly(134);
        assertThat(Rung.plan(1, 640_000).stream().map(Rung::rows)).containsExactly(100_000);
    }

    @Test
    void aLargerBudgetExtendsThePortfolioWithSeededDrawsAndNoRepeats() {
        List<AutoCandidate> twelve = AutoPortfolio.of(Task.REGRESSION, 12, 3);
        List<AutoCandidate> thirty = AutoPortfolio.of(Task.REGRESSION, 30, 3);

        assertThat(thirty.subList(0, 12)).isEqualTo(twelve);
        assertThat(thirty).isEqualTo(AutoPortfolio.of(Task.REGRESSION, 30, 3));
        assertThat(thirty.stream().map(c -> c.algorithm() + " " + c.chosen()).distinct()).hasSize(30);
        assertThat(thirty.stream().map(AutoCandidate::algorithm).distinct())
                .containsExactlyInAnyOrder(AlgorithmName.RIDGE, AlgorithmName.XGBOOST, AlgorithmName.RANDOM_FOREST);
        assertThat(AutoPortfolio.of(Task.CLASSIFICATION, 12, 3).getFirst().algorithm()).isEqualTo(AlgorithmName.LOGISTIC);
        assertThat(thirty).extracting(AutoCandidate::trial).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
    }
}
