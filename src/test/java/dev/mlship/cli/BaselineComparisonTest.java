package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A candidate is compared with a baseline model scored on the same current test rows. */
class BaselineComparisonTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            name: cmp
            data: {path: data.csv, label: y}
            model: {task: classification, algorithm: %s}
            evaluate: {folds: 2, bootstrap: 200, gates: {auc: {max_drop: %s}}}
            """;

    @BeforeEach
    void data() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 400; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            String c = r.nextInt(3) == 0 ? "x" : "z";
            boolean y = a + 0.5 * b + (c.equals("x") ? 0.5 : 0) + 0.7 * r.nextGaussian() > 0;
            csv.append(a).append(',').append(b).append(',').append(c).append(',').append(y ? "yes" : "no").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
    }

    private Cli run(String algorithm, String maxDrop, String out, String baseline) throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), CONFIG.formatted(algorithm, maxDrop));
        return baseline == null ? Cli.run("run", dir.toString(), "--out", dir.resolve(out).toString())
                : Cli.run("run", dir.toString(), "--out", dir.resolve(out).toString(), "--baseline", dir.resolve(baseline).toString());
    }

    private JsonNode metrics(String out) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(out).resolve("metrics.json").toFile());
    }

    @Test
    void randomSearchDrawsSeededCandidates() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: cmp
                data: {path: data.csv, label: y}
                model:
                  task: classification
                  algorithm: logistic
                  search: {method: random, trials: 4, folds: 3, space: {lambda: {min: 0.001, max: 10, log: true}}}
                evaluate: {bootstrap: 50}
                """);
        Cli first = Cli.run("run", dir.toString(), "--out", dir.resolve("a").toString());
        Cli second = Cli.run("run", dir.toString(), "--out", dir.resolve("b").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("cv candidate 4/4");
        JsonNode card = new ObjectMapper().readTree(dir.resolve("a/model-card.json").toFile());
        assertThat(card.at("/search/method").asText()).isEqualTo("random");
        assertThat(card.at("/search/candidates")).hasSize(4);
        assertThat(card.at("/search/candidates/0/params/lambda").asDouble()).isBetween(0.001, 10.0);
        assertThat(Files.readString(dir.resolve("b/model-card.json")).replaceAll("\"timings_ms\"[^}]*}", ""))
                .isEqualTo(Files.readString(dir.resolve("a/model-card.json")).replaceAll("\"timings_ms\"[^}]*}", ""));
        assertThat(second.exitCode()).isZero();
    }

    @Test
    void withoutABaselineTheReportSaysFirstModel() throws Exception {
        Cli r = run("logistic", "0.01", "first", null);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(metrics("first").at("/baseline/first_model").asBoolean()).isTrue();
        String report = Files.readString(dir.resolve("first/report.md"));
        assertThat(report).contains("First model", "max_drop) are skipped",
                "Skipped: auc max_drop 0.01 (first model: no package.image and no --baseline to compare with).");
        assertThat(report).doesNotContain("No gates are configured");
    }

    @Test
    void theSameModelAsBaselineDiffersByNothing() throws Exception {
        assertThat(run("logistic", "0.01", "first", null).exitCode()).isZero();
        Cli r = run("logistic", "0.01", "second", "first");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode b = metrics("second").get("baseline");
        assertThat(b.get("first_model").asBoolean()).isFalse();
        assertThat(b.get("reference").asText()).endsWith("model.onnx");
        // The baseline is scored by ONNX Runtime, the candidate by Smile: the AUC depends only on the order of the
        // scores, which rounding in the last bits cannot change on these continuous features.
        assertThat(b.at("/diff/auc/value").asDouble()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(b.at("/diff/auc/significant").asBoolean()).isFalse();
        assertThat(b.at("/mcnemar/p_value").asDouble()).isEqualTo(1.0);
        assertThat(b.at("/metrics/auc").asDouble()).isCloseTo(metrics("second").at("/metrics/auc/value").asDouble(),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(b.at("/recorded/auc").asDouble()).isEqualTo(metrics("first").at("/metrics/auc/value").asDouble());
        assertThat(metrics("second").get("gates").toString()).contains("max_drop");
    }

    @Test
    void aBaselineThatNoLongerFitsTheDataFallsBackToItsRecordedMetrics() throws Exception {
        assertThat(run("logistic", "\"50%\"", "old", null).exitCode()).isZero();
        // The column the old model reads changes type: it cannot score the current rows any more.
        String csv = Files.readString(dir.resolve("data.csv")).replace(",x,", ",1,").replace(",z,", ",2,");
        Files.writeString(dir.resolve("data.csv"), csv);
        Cli r = run("logistic", "\"50%\"", "new", "old");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode b = metrics("new").get("baseline");
        assertThat(b.get("note").asText()).contains("column 'c' changed type", "recorded metrics");
        assertThat(b.has("diff")).isFalse();
        assertThat(b.at("/recorded/auc").asDouble()).isEqualTo(metrics("old").at("/metrics/auc/value").asDouble());
        JsonNode gate = metrics("new").get("gates").get(0);
        assertThat(gate.get("rule").asText()).isEqualTo("max_drop_relative");
        assertThat(gate.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(Files.readString(dir.resolve("new/report.md")))
                .containsPattern("\\| auc \\| max_drop \\(relative\\) \\| 50\\.00 % \\| drop [+-]\\d+\\.\\d\\d % \\| passed \\|")
                .contains("negative means better", "percentage of the deployed model's value");
        assertThat(r.out()).contains("showing its recorded metrics");
    }

    @Test
    void aWorseCandidateFailsItsChangeGate() throws Exception {
        assertThat(run("logistic", "0.01", "champion", null).exitCode()).isZero();
        // A stump is much worse than the logistic model on this data.
        Files.writeString(dir.resolve("mlship.yaml"), CONFIG.formatted("decision_tree", "0.01")
                .replace("algorithm: decision_tree}", "algorithm: decision_tree, params: {max_depth: 1}}"));
        Cli r = Cli.run("run", dir.toString(), "--out", dir.resolve("challenger").toString(), "--baseline",
                dir.resolve("champion").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode m = metrics("challenger");
        JsonNode gate = m.get("gates").get(0);
        assertThat(gate.get("rule").asText()).isEqualTo("max_drop");
        assertThat(gate.get("passed").asBoolean()).isFalse();
        assertThat(m.at("/baseline/diff/auc/value").asDouble()).isNegative();
        assertThat(m.at("/baseline/diff/auc/ci/1").asDouble()).isNegative();
        assertThat(m.at("/baseline/diff/auc/significant").asBoolean()).isTrue();
        assertThat(Files.readString(dir.resolve("challenger/report.md"))).contains("Against the deployed model", "McNemar")
                .containsPattern("\\| auc \\| max_drop \\| 0\\.0100 \\| drop \\+0\\.\\d{4} \\| \\*\\*failed\\*\\* by 0\\.\\d{4} \\|");
    }
}
