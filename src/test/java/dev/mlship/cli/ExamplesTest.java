package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The multiclass and regression examples run offline, pass their gates and export faithfully. */
class ExamplesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"penguins, classification, f1_macro, 0.9", "cpu-performance, regression, r2, 0.7"})
    void exampleRunsAndPassesItsGates(String example, String task, String metric, double floor) throws Exception {
        Cli run = Cli.run("run", "examples/" + example, "--out", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertThat(m.get("task").asText()).isEqualTo(task);
        assertThat(m.at("/metrics/" + metric + "/value").asDouble()).isGreaterThanOrEqualTo(floor);
        assertThat(m.get("passed").asBoolean()).isTrue();
        // The block is consistent: labels differ only on the ties it counts (ParityCheck fails the run otherwise).
        assertThat(m.at("/parity/label_agreement").asDouble())
                .isEqualTo(1.0 - m.at("/parity/ties").asDouble() / m.at("/parity/rows").asDouble());
        assertThat(m.at("/parity/max_rel_diff").asDouble()).isLessThanOrEqualTo(m.at("/parity/max_abs_diff").asDouble());
        if (example.equals("penguins")) {
            // A random forest grown by XGBoost (the default engine): what reproducing it needs names XGBoost.
            JsonNode card = new ObjectMapper().readTree(dir.resolve("model-card.json").toFile());
            assertThat(card.at("/libraries/xgboost").asText()).isNotEmpty();
        }
    }
}
