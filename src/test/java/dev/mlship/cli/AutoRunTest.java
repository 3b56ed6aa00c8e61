package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlship.config.SpecLoader;
import dev.mlship.pipeline.PipelineRunner;
import dev.mlship.pipeline.RunOptions;
import dev.mlship.pipeline.StageLog;
import dev.mlship.report.ReviewComment;
import dev.mlship.report.RunReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `algorithm: auto` end to end on the cpu-performance data: the search picks a learner, which is refitted, exported
 * and parity-checked as if named; two runs write the same model.onnx and metrics.json; the leaderboard reaches
 * metrics.json, model-card.json (with seconds), report.md and the review comment.
 */
class AutoRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static RunReport report;

    @BeforeAll
    static void runTwice() throws Exception {
        Files.copy(Path.of("examples/cpu-performance/data/cpu.csv"), dir.resolve("cpu.csv"));
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: cpu-auto
                data: {path: cpu.csv, label: performance, split: {test: 0.2, seed: 3}}
                prepare: {max_categories: 10, scale: standard}
                model:
                  task: regression
                  algorithm: auto
                  auto: {trials: 5}
                evaluate: {primary: rmse, folds: 3, bootstrap: 0}
                """);
        var log = new StageLog(new PrintWriter(new StringWriter()), false);
        report = new PipelineRunner(log, Map.of()).run(SpecLoader.load(dir.resolve("mlship.yaml")),
                RunOptions.local(dir.resolve("one"), null)).report();
        Cli second = Cli.run("run", dir.resolve("mlship.yaml").toString(), "--out", dir.resolve("two").toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
    }

    @Test
    void twoRunsWriteTheSameModelAndMetrics() throws Exception {
        for (String file : List.of("model.onnx", "metrics.json")) {
            assertThat(Files.readAllBytes(dir.resolve("two").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(file)));
        }
    }

    @Test
    void theWinnerIsExportedAndCheckedAsIfItHadBeenNamed() throws Exception {
        JsonNode m = JSON.readTree(dir.resolve("one/metrics.json").toFile());
        JsonNode winner = m.at("/search/leaderboard/0");
        assertThat(m.get("algorithm").asText()).isEqualTo(winner.get("algorithm").asText()).isNotEqualTo("auto");
        assertThat(m.get("params")).isEqualTo(winner.get("params"));
        assertThat(m.at("/parity/max_rel_diff").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(m.at("/parity/rows").asInt()).isEqualTo(42);
        // The CV block is the winner's, on the rows of its last rung.
        assertThat(m.at("/cv/metrics/rmse/mean").asDouble()).isEqualTo(winner.get("mean").asDouble());

        JsonNode card = JSON.readTree(dir.resolve("one/model-card.json").toFile());
        assertThat(card.at("/model/algorithm").asText()).isEqualTo(winner.get("algorithm").asText());
        assertThat(card.at("/search/method").asText()).isEqualTo("auto");
        if (winner.get("algorithm").asText().equals("xgboost") || winner.at("/params/engine").asText().equals("xgboost")) {
            assertThat(card.at("/libraries/xgboost").asText()).isNotEmpty();
        }
    }

    @Test
    void theLeaderboardListsEveryCandidateBestFirstWithoutSecondsInMetricsJson() throws Exception {
        JsonNode m = JSON.readTree(dir.resolve("one/metrics.json").toFile());
        JsonNode search = m.get("search");
        assertThat(search.get("method").asText()).isEqualTo("auto");
        assertThat(search.get("metric").asText()).isEqualTo("rmse");
        assertThat(search.get("trials").asInt()).isEqualTo(5);
        assertThat(search.get("stopped_early").asBoolean()).isFalse();
        JsonNode board = search.get("leaderboard");
        assertThat(board).hasSize(5);
        List<String> algorithms = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < board.size(); i++) {
            JsonNode e = board.get(i);
            assertThat(e.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(e.get("rows").asInt()).isBetween(100, 134);
            assertThat(e.get("folds").asInt()).isEqualTo(3);
            assertThat(e.get("rung").asInt()).isEqualTo(1); // 209 rows: too few to halve, every candidate on all rows
            assertThat(e.get("std").asDouble()).isPositive();
            assertThat(e.get("mean").asDouble()).isGreaterThanOrEqualTo(previous); // rmse: lower is better
            previous = e.get("mean").asDouble();
            // every param, defaults included, so that naming this algorithm with them reproduces the candidate
            assertThat(e.get("params").has(e.get("algorithm").asText().equals("ridge") ? "lambda" : "max_depth")).isTrue();
            algorithms.add(e.get("algorithm").asText());
        }
        assertThat(algorithms).containsExactlyInAnyOrder("ridge", "xgboost", "random_forest", "xgboost", "ridge");
        assertThat(Files.readString(dir.resolve("one/metrics.json"))).doesNotContain("seconds");

        JsonNode card = JSON.readTree(dir.resolve("one/model-card.json").toFile());
        JsonNode timed = card.at("/search/auto/leaderboard");
        assertThat(timed).hasSize(5);
        for (JsonNode e : timed) {
            assertThat(e.get("seconds").asDouble()).isPositive();
        }
        assertThat(timed.get(0).get("trial")).isEqualTo(board.get(0).get("trial"));
    }

    @Test
    void reportAndCommentSayWhatWasTriedAndWhyTheWinnerWon() throws Exception {
        String md = Files.readString(dir.resolve("one/report.md"));
        String algorithm = report.algorithm().id().replace("_", "\\_"); // as Markdown escapes it
        assertThat(md).contains("## Search: algorithm auto", "Chosen by `algorithm: auto` from 5 candidates",
                "the same data, seed and trials choose the same model on any machine",
                algorithm + " (#" + report.search().leaderboard().winner().candidate().trial() + ") won: the lowest CV mean rmse",
                "| rank | # | algorithm | params set | rmse (CV mean ± std) | rows x folds | rung | seconds |", "| 1 (winner) |");
        assertThat(md).startsWith("# cpu-auto");
        String section = md.substring(md.indexOf("## Search: algorithm auto"), md.indexOf("## Cross-validation"));
        assertThat(section.lines().filter(l -> l.startsWith("| "))).hasSize(1 + 5); // the header and a row per candidate

        String comment = ReviewComment.render(report, null);
        assertThat(comment).contains("**Model** " + algorithm + " regression",
                "Chosen by `algorithm: auto` from 5 candidates");
        int details = comment.indexOf("<details><summary>Search: auto chose " + algorithm + " from 5 candidates");
        assertThat(details).isPositive();
        assertThat(comment.substring(details)).contains("| 1 (winner) |", "</details>");
    }
}
