package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlship.onnx.ParitySample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test split larger than {@link ParitySample#MAX_ROWS} is checked against ONNX Runtime on a seeded sample of
 * that many rows, and metrics.json and report.md say so; the same data twice gives the same check.
 */
class SampledParityRunTest {
    @TempDir
    Path dir;

    @Test
    void aLargeTestSplitIsCheckedOnASeededSampleThatTheOutputsName() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 12_500; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            String c = random.nextInt(10) == 0 ? "" : String.format(Locale.ROOT, "%.4f", random.nextGaussian());
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%s%n", a, b, c, a - b + random.nextGaussian() > 0 ? "yes" : "no"));
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        Path config = Files.writeString(dir.resolve("mlship.yaml"), """
                name: sampled
                data: {path: data.csv, label: label, split: {test: 0.9, seed: 11}}
                model: {task: classification, algorithm: logistic}
                evaluate: {folds: 2, bootstrap: 0}
                """);

        Cli first = Cli.run("run", config.toString(), "--out", dir.resolve("a").toString());
        Cli second = Cli.run("run", config.toString(), "--out", dir.resolve("b").toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode metrics = json.readTree(dir.resolve("a/metrics.json").toFile());
        JsonNode parity = metrics.get("parity");
        assertThat(metrics.at("/dataset/test_rows").asInt()).isEqualTo(11_250);
        assertThat(parity.get("rows").asInt()).isEqualTo(ParitySample.MAX_ROWS);
        assertThat(parity.get("test_rows").asInt()).isEqualTo(11_250);
        assertThat(parity.get("sampled").asBoolean()).isTrue();
        assertThat(json.readTree(dir.resolve("b/metrics.json").toFile()).get("parity")).isEqualTo(parity);
        assertThat(Files.readString(dir.resolve("a/report.md")))
                .contains("ONNX export checked with ONNX Runtime on 10000 test rows (a seeded sample of 11250)");
        assertThat(first.out() + first.err()).contains("parity on 10000 test rows (a seeded sample of 11250)");
    }
}
