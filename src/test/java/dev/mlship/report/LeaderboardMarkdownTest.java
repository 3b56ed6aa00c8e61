package dev.mlship.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.MetricName;
import dev.mlship.train.AutoCandidate;
import dev.mlship.train.CvScore;
import dev.mlship.train.Leaderboard;
import dev.mlship.train.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What report.md and the comment say about auto's search: why the winner won, and when the cap made it machine-bound. */
class LeaderboardMarkdownTest {
    private static Leaderboard.Entry entry(int trial, AlgorithmName algorithm, Map<String, Object> chosen, double mean, double std,
            int rung, int rows) {
        return new Leaderboard.Entry(new AutoCandidate(trial, algorithm, chosen, new Params(chosen)),
                Map.of(MetricName.AUC, new CvScore(mean, std)), rows, 5, rung, 1.25 * trial, null);
    }

    private static Leaderboard board(boolean stopped) {
        return new Leaderboard(MetricName.AUC, List.of(
                entry(6, AlgorithmName.XGBOOST, Map.of("max_depth", 6), 0.91, 0.004, 1, 6400),
                entry(2, AlgorithmName.XGBOOST, Map.of("max_depth", 3), 0.90, 0.005, 1, 6400),
                entry(1, AlgorithmName.LOGISTIC, Map.of("lambda", 0.1), 0.88, 0.006, 1, 6400),
                entry(3, AlgorithmName.RANDOM_FOREST, Map.of(), 0.85, 0.01, 0, 2133)), 2, 4, 7, stopped);
    }

    @Test
    void theWinnersMarginOverTheRunnerUpAndAnotherLearnerIsExplained() {
        String why = LeaderboardMarkdown.why(board(false));

        assertThat(why).isEqualTo("xgboost (#6) won: the highest CV mean auc, 0.9100 ± 0.0040, at rung 2 of 2 (6400 training"
                + " rows x 5 folds); the runner-up, xgboost max\\_depth=3 (#2), scored 0.9000 (behind by 0.0100); the best"
                + " logistic, logistic lambda=0.1 (#1), scored 0.8800 (behind by 0.0300). The lead over the runner-up exceeds"
                + " one standard deviation across folds.\n");
    }

    @Test
    void aLeadWithinOneStandardDeviationIsCalledLevelWithinNoise() {
        Leaderboard close = new Leaderboard(MetricName.AUC, List.of(
                entry(4, AlgorithmName.XGBOOST, Map.of("max_depth", 6), 0.9015, 0.003, 1, 6400),
                entry(1, AlgorithmName.LOGISTIC, Map.of("lambda", 0.1), 0.9010, 0.006, 1, 6400)), 2, 2, 4, false);

        assertThat(LeaderboardMarkdown.why(close)).contains("the runner-up, logistic lambda=0.1 (#1), scored 0.9010 (behind by"
                + " 0.0005). The lead over the runner-up is within one standard deviation across folds: the two are level"
                + " within noise.").doesNotContain("the best logistic");
    }

    @Test
    void theTableShowsEveryCandidateWithSecondsOnlyWhereAsked() {
        String table = LeaderboardMarkdown.table(board(false), 3, true);

        assertThat(table).contains("| 1 (winner) | 6 | xgboost | `max_depth=6` | 0.9100 ± 0.0040 | 6400 x 5 | 2 | 7.5 |",
                "| 3 | 1 | logistic | `lambda=0.1` | 0.8800 ± 0.0060 | 6400 x 5 | 2 | 1.3 |",
                "1 more in metrics.json (`search.leaderboard`).");
        assertThat(LeaderboardMarkdown.table(board(false), 9, false)).contains("| 4 | 3 | random\\_forest | defaults | 0.8500 ±"
                + " 0.0100 | 2133 x 5 | 1 |\n").doesNotContain("seconds");
    }

    @Test
    void aSearchStoppedByTheCapSaysItDependsOnTheMachine() {
        assertThat(LeaderboardMarkdown.chosen(board(true))).contains("stopped by `model.auto.max_seconds`: the model chosen"
                + " depends on this machine's speed**").doesNotContain("on any machine");
        assertThat(LeaderboardMarkdown.chosen(board(false))).endsWith("the same data, seed and trials choose the same model on"
                + " any machine.");
    }
}
