package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mlship run` with algorithm: xgboost, end to end: search, parity of the export, outputs; and a native
 * library that cannot load.
 */
class XGBoostRunTest {
    @TempDir
    Path dir;

    private static String data(String example) {
        return Path.of("examples", example, "data").toAbsolutePath().toString();
    }

    private static final String CREDIT = """
            name: credit-xgb
            data: {path: %s/credit.csv, label: Status, split: {test: 0.2, seed: 42}}
            prepare:
              impute: {numeric: none}
              scale: none
            model:
              task: classification
              algorithm: xgboost
              params: {n_estimators: 80, learning_rate: 0.1, subsample: 0.8}
              search: {method: grid, folds: 3, space: {max_depth: [3, 4]}}
            evaluate:
              primary: auc
              positive_class: bad
              bootstrap: 100
              gates:
                auc: {min: 0.8}
            """;

    @Test
    void creditRiskWithXGBoostPassesItsGatesAndItsParityAndIsDeterministic() throws Exception {
        Path config = Files.writeString(dir.resolve("mlship.yaml"), CREDIT.formatted(data("credit-risk")));
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");

        Cli run = Cli.run("run", config.toString(), "--out", first.toString());
        Cli again = Cli.run("run", config.toString(), "--out", second.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("xgboost: 2 candidate(s) x 3 folds", "cv candidate 2/2 [max_depth=4] fold 3/3");
        JsonNode m = new ObjectMapper().readTree(first.resolve("metrics.json").toFile());
        assertThat(m.at("/metrics/auc/value").asDouble()).isGreaterThan(0.8);
        // The block is consistent: labels differ only on the ties it counts (ParityCheck fails the run otherwise).
        assertThat(m.at("/parity/label_agreement").asDouble())
                .isEqualTo(1.0 - m.at("/parity/ties").asDouble() / m.at("/parity/rows").asDouble());
        assertThat(m.at("/parity/max_rel_diff").asDouble()).isLessThanOrEqualTo(m.at("/parity/max_abs_diff").asDouble());
        JsonNode card = new ObjectMapper().readTree(first.resolve("model-card.json").toFile());
        assertThat(card.at("/model/algorithm").asText()).isEqualTo("xgboost");
        assertThat(card.toString()).contains("\"xgboost\":\"3.4.0\"");
        assertThat(Files.readAllBytes(second.resolve("model.onnx"))).isEqualTo(Files.readAllBytes(first.resolve("model.onnx")));
        assertThat(again.exitCode()).isZero();
    }

    @Test
    void regressionWithRandomSearchAndEarlyStopping() throws Exception {
        Path config = Files.writeString(dir.resolve("mlship.yaml"), """
                name: cpu-xgb
                data: {path: %s/cpu.csv, label: performance, split: {test: 0.2, seed: 3}}
                prepare: {max_categories: 10}
                model:
                  task: regression
                  algorithm: xgboost
                  params: {n_estimators: 400, early_stopping_rounds: 10, validation_fraction: 0.2}
                  search:
                    method: random
                    trials: 3
                    space: {learning_rate: {min: 0.05, max: 0.3, log: true}, max_depth: [2, 3, 4]}
                evaluate: {folds: 3, bootstrap: 50, gates: {r2: {min: 0.6}}}
                """.formatted(data("cpu-performance")));

        Cli run = Cli.run("run", config.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode m = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile());
        assertThat(m.at("/metrics/r2/value").asDouble()).isGreaterThan(0.6);
        assertThat(m.at("/parity/max_rel_diff").asDouble()).isLessThanOrEqualTo(m.at("/parity/max_abs_diff").asDouble());
        // Every fold says how many of the 400 rounds early stopping kept.
        assertThat(run.out()).containsPattern("cv candidate 1/3 \\[[^]]*] fold 1/3 rmse=[0-9.]+ \\(early stopping kept \\d+ of 400 rounds\\)");
    }

    @Test
    void aNativeLibraryThatCannotLoadIsOneLineAndExitTwo() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: data.csv, label: y}
                model: {task: classification, algorithm: xgboost}
                evaluate: {folds: 2, bootstrap: 0}
                """);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "x" : "y").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // XGBoost4J extracts its library into java.io.tmpdir: a folder that does not exist makes loading fail.
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir.resolve("absent"),
                "-cp", System.getProperty("java.class.path"), ServeProcessTest.class.getName(),
                "run", dir.toString(), "--out", dir.resolve("out").toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().filter(l -> l.startsWith("mlship: ")).toList()).singleElement().asString()
                .startsWith("mlship: algorithm xgboost: XGBoost's native library cannot be loaded (")
                .contains("libgomp1", "java.io.tmpdir", "choose another algorithm");
        assertThat(err).doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
