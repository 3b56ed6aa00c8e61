package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regressions whose targets are as large as prices in cents or revenue (the CPU-performance data with its
 * target scaled by 1e7 and 1e9): a sum of trees there is ~1e11, where one ulp is ~1.5e-5, so only a
 * tolerance relative to the value lets ONNX Runtime round it differently from the trained model.
 */
class LargeTargetRunTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} y*{1}")
    @CsvSource({
        "random_forest, 1e7, '{trees: 30}'", "random_forest, 1e9, '{trees: 30}'",
        "gradient_boosting, 1e7, '{trees: 60}'", "gradient_boosting, 1e9, '{trees: 60}'",
        "xgboost, 1e7, '{n_estimators: 60}'", "xgboost, 1e9, '{n_estimators: 60}'",
        "mlp, 1e7, '{hidden_layers: [16], epochs: 30}'", "mlp, 1e9, '{hidden_layers: [16], activation: tanh, epochs: 30}'"})
    void runPassesParityAndReportsTheRelativeDifference(String algorithm, String scale, String params) throws Exception {
        Path csv = dir.resolve("cpu.csv");
        Files.write(csv, scaledTarget(Path.of("examples/cpu-performance/data/cpu.csv"), new BigDecimal(scale)));
        Path config = Files.writeString(dir.resolve("mlship.yaml"), """
                name: cpu-large
                data: {path: cpu.csv, label: performance, split: {test: 0.25, seed: 3}}
                prepare: {max_categories: 10, scale: standard}
                model: {task: regression, algorithm: %s, params: %s}
                evaluate: {folds: 2, bootstrap: 0}
                """.formatted(algorithm, params));

        Cli run = Cli.run("run", config.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile());
        JsonNode parity = metrics.get("parity");
        assertThat(parity.get("rows").asInt()).isEqualTo(metrics.at("/dataset/test_rows").asInt()).isEqualTo(52);
        // Exit 0 is the parity pass (a run beyond the tolerance exits 5); what is left is how it is reported.
        assertThat(parity.get("max_rel_diff").isNumber()).isTrue();
        // The relative figure is the absolute one over the size of the values, which reach ~1e9 times the target.
        assertThat(parity.get("max_rel_diff").asDouble()).isLessThanOrEqualTo(parity.get("max_abs_diff").asDouble());
        assertThat(parity.get("ties").asInt()).isZero();
        assertThat(parity.get("rule").asText()).contains("max(1, |trained value|)");
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("(relative ");
        // Only a network's weights depend on OpenBLAS's kernels here: the card records them for it alone.
        JsonNode libraries = new ObjectMapper().readTree(dir.resolve("out/model-card.json").toFile()).get("libraries");
        assertThat(libraries.has("openblas")).isEqualTo(algorithm.equals("mlp"));
    }

    /** The CSV with its last column (the target) multiplied exactly, as written text. */
    private static List<String> scaledTarget(Path source, BigDecimal factor) throws Exception {
        List<String> lines = Files.readAllLines(source);
        List<String> out = new ArrayList<>(List.of(lines.getFirst()));
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.lastIndexOf(',');
            out.add(line.substring(0, comma + 1) + new BigDecimal(line.substring(comma + 1)).multiply(factor).toPlainString());
        }
        return out;
    }
}
