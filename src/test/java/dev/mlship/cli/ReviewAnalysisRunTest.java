package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credit-risk data run twice: first as production, then with Income multiplied by 1.5 (as a join that
 * brought the wrong currency would). The second run finds the drift against the first run's statistics.json,
 * measures slices, importance and calibration against it, and fails on the drift gate.
 */
class ReviewAnalysisRunTest {
    private static final Path CREDIT = Path.of("examples/credit-risk/data/credit.csv");
    private static final String CONFIG = """
            name: credit-review
            data: {path: data.csv, label: Status, split: {test: 0.2, seed: 42}}
            model: {task: classification, algorithm: logistic}
            evaluate:
              positive_class: bad
              bootstrap: 200
              gates: {auc: {min: 0.7}}
              slices: [Home, {column: Age, bins: [30, 50]}]
              slice_min_rows: 40
              slice_gates: {auc: {min: 0.5}}
              drift: {threshold: 0.2, gate: [%s]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws Exception {
        Files.copy(CREDIT, dir.resolve("data.csv"));
    }

    private Cli run(String out, String baseline, String gated) throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), CONFIG.formatted(gated));
        return baseline == null ? Cli.run("run", dir.toString(), "--out", dir.resolve(out).toString())
                : Cli.run("run", dir.toString(), "--out", dir.resolve(out).toString(), "--baseline", dir.resolve(baseline).toString());
    }

    private JsonNode json(String file) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(file).toFile());
    }

    /** Income (column 10) times 1.5 in every row that has one. */
    private void inflateIncome() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("data.csv"));
        StringBuilder csv = new StringBuilder(lines.getFirst()).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (!f[9].isEmpty()) {
                f[9] = String.format(Locale.ROOT, "%.1f", Double.parseDouble(f[9]) * 1.5);
            }
            csv.append(String.join(",", f)).append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
    }

    @Test
    void aDriftedIncomeIsFlaggedAndItsGateFailsTheRun() throws Exception {
        Cli first = run("production", null, "Income");
        assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
        assertThat(first.out()).contains("data drift is not measured: no baseline to compare the data with");
        JsonNode stats = json("production/statistics.json");
        assertThat(stats.at("/features/Income/type").asText()).isEqualTo("numeric");
        assertThat(stats.at("/features/Income/missing").asInt()).isPositive();
        assertThat(stats.at("/features/Home/categories/rent").asInt()).isPositive();
        assertThat(json("production/metrics.json").has("drift")).isFalse();

        inflateIncome();
        Cli second = run("candidate", "production", "Income");

        assertThat(second.exitCode()).as(second.err() + second.out()).isEqualTo(1);
        assertThat(second.out()).contains("gate drift of Income failed: PSI ");
        JsonNode m = json("candidate/metrics.json");
        JsonNode drift = m.get("drift");
        assertThat(drift.get("method").asText()).isEqualTo("psi");
        assertThat(drift.at("/features/Income/drifted").asBoolean()).isTrue();
        assertThat(drift.at("/features/Income/statistic").asDouble()).isGreaterThan(0.2);
        drift.get("features").fields().forEachRemaining(e -> assertThat(e.getValue().get("drifted").asBoolean())
                .as(e.getKey()).isEqualTo(e.getKey().equals("Income")));
        assertThat(m.get("passed").asBoolean()).isFalse();
        assertThat(m.get("gates").toString()).contains("\"metric\":\"psi\"", "\"scope\":\"Income\"");

        // brier, with its interval, and the reliability tables of both models
        assertThat(m.at("/metrics/brier/value").asDouble()).isBetween(0.05, 0.25);
        assertThat(m.at("/metrics/brier/ci")).hasSize(2);
        assertThat(m.at("/calibration/reliability")).hasSize(10);
        assertThat(m.at("/calibration/baseline")).hasSize(10);

        // slices: Home's values and Age's three bins, each with the baseline on the same rows
        JsonNode slices = m.get("slices");
        assertThat(slices.findValuesAsText("value")).contains("rent", "owner", "≤ 30", "30 – 50", "> 50");
        int ageRows = 0;
        for (JsonNode s : slices) {
            assertThat(s.get("metrics").has("auc")).isTrue();
            assertThat(s.get("baseline").isObject()).as(s.toString()).isTrue();
            ageRows += s.get("column").asText().equals("Age") ? s.get("rows").asInt() : 0;
        }
        assertThat(ageRows).isEqualTo(m.at("/dataset/test_rows").asInt());

        // importance: every feature, highest first, with the baseline's
        JsonNode importance = m.get("importance");
        assertThat(importance).hasSize(13);
        for (int i = 1; i < importance.size(); i++) {
            assertThat(importance.get(i).get("importance").asDouble()).isLessThanOrEqualTo(importance.get(i - 1).get("importance").asDouble());
        }
        assertThat(importance.get(0).get("baseline").isNumber()).isTrue();

        String report = Files.readString(dir.resolve("candidate/report.md"));
        assertThat(report).contains("## Data drift", "| Income | ", "## Slices", "## Permutation importance", "## Calibration",
                "## ROC curve", "| drift of Income | drift |");
        JsonNode card = json("candidate/model-card.json");
        assertThat(card.at("/behaviour/drifted").toString()).isEqualTo("[\"Income\"]");
        assertThat(card.at("/behaviour/importance")).hasSize(13);
    }

    @Test
    void aBaselineWithoutStatisticsSaysSoOnceAndTheRunPasses() throws Exception {
        assertThat(run("production", null, "Income").exitCode()).isZero();
        Files.delete(dir.resolve("production/statistics.json"));

        Cli second = run("candidate", "production", "Income");

        assertThat(second.exitCode()).as(second.err() + second.out()).isZero();
        assertThat(second.out()).containsOnlyOnce("carries no statistics.json: data drift is not measured");
        assertThat(json("candidate/metrics.json").has("drift")).isFalse();
        assertThat(Files.readString(dir.resolve("candidate/report.md")))
                .contains("Data drift not measured: the baseline carries no training statistics (statistics.json).");
    }

    @Test
    void aDriftGateOnAColumnThatIsNotAFeatureIsOneLineNamingTheKey() throws Exception {
        Cli r = run("out", null, "Incme");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err().strip()).endsWith("mlship.yaml line 11, evaluate.drift.gate[0]: 'Incme' is not a feature (did you mean"
                + " 'Income'?); drift is measured on the features: Seniority, Home, Time, Age, Marital, Records, Job, Expenses,"
                + " Income, Assets, Debt, Amount, Price");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
