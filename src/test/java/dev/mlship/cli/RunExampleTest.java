package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the bundled example runs offline, passes its gates and writes every output. */
class RunExampleTest {
    @TempDir
    Path dir;

    @Test
    void creditRiskRunsAndIsDeterministic() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Cli run = Cli.run("run", "examples/credit-risk", "--out", first.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[prepare]", "[train]", "[evaluate]", "cv candidate 1/2 [max_depth=3] fold 1/5");
        for (String f : new String[] {"model.onnx", "metrics.json", "schema.json", "model-card.json", "report.md", "image.json",
                "image.tar"}) {
            assertThat(first.resolve(f)).isNotEmptyFile();
        }

        JsonNode m = new ObjectMapper().readTree(first.resolve("metrics.json").toFile());
        assertThat(m.get("version").asInt()).isEqualTo(1);
        assertThat(m.get("task").asText()).isEqualTo("classification");
        assertThat(m.get("primary").asText()).isEqualTo("auc");
        double auc = m.at("/metrics/auc/value").asDouble();
        assertThat(auc).isGreaterThan(0.75).isLessThan(1.0);
        assertThat(m.at("/metrics/auc/ci/0").asDouble()).isLessThan(auc);
        assertThat(m.at("/metrics/auc/ci/1").asDouble()).isGreaterThan(auc);
        assertThat(m.at("/cv/folds").asInt()).isEqualTo(5);
        assertThat(m.at("/cv/metrics/auc/mean").asDouble()).isGreaterThan(0.7);
        assertThat(m.at("/dataset/rows").asInt()).isEqualTo(4454);
        assertThat(m.at("/dataset/train_rows").asInt() + m.at("/dataset/test_rows").asInt()).isEqualTo(4454);
        assertThat(m.at("/dataset/sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(m.at("/gates/0/metric").asText()).isEqualTo("auc");
        assertThat(m.at("/gates/0/passed").asBoolean()).isTrue();
        assertThat(m.get("classes").toString()).isEqualTo("[\"good\",\"bad\"]");
        assertThat(m.at("/parity/rows").asInt()).isEqualTo(m.at("/dataset/test_rows").asInt());
        // The block is consistent: labels differ only on the ties it counts (ParityCheck fails the run otherwise).
        assertThat(m.at("/parity/label_agreement").asDouble())
                .isEqualTo(1.0 - m.at("/parity/ties").asDouble() / m.at("/parity/rows").asDouble());
        assertThat(m.at("/parity/max_rel_diff").asDouble()).isLessThanOrEqualTo(m.at("/parity/max_abs_diff").asDouble());

        JsonNode card = new ObjectMapper().readTree(first.resolve("model-card.json").toFile());
        assertThat(card.at("/model/algorithm").asText()).isEqualTo("gradient_boosting");
        assertThat(card.at("/search/candidates").size()).isEqualTo(2);
        assertThat(card.at("/timings_ms/train").asLong()).isPositive();
        byte[] onnx = Files.readAllBytes(first.resolve("model.onnx"));
        assertThat(card.at("/onnx/bytes").asLong()).isEqualTo(onnx.length);
        assertThat(card.at("/onnx/sha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(onnx)));

        String report = Files.readString(first.resolve("report.md"));
        assertThat(report).contains("# credit-risk — passed", "## Confusion matrix", "| **auc** |", "labels agree on 100 %");

        Cli again = Cli.run("run", "examples/credit-risk", "--out", second.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(Files.readString(second.resolve("metrics.json"))).isEqualTo(Files.readString(first.resolve("metrics.json")));
        assertThat(Files.readString(second.resolve("schema.json"))).isEqualTo(Files.readString(first.resolve("schema.json")));
        assertThat(Files.readAllBytes(second.resolve("model.onnx"))).isEqualTo(Files.readAllBytes(first.resolve("model.onnx")));
        // Same commit and data, same image: the digest is reproducible.
        JsonNode image = new ObjectMapper().readTree(first.resolve("image.json").toFile());
        assertThat(image.get("digest").asText()).startsWith("sha256:");
        assertThat(image.get("reference").asText()).startsWith("credit-risk:");
        assertThat(new ObjectMapper().readTree(second.resolve("image.json").toFile()).get("digest"))
                .isEqualTo(image.get("digest"));
    }
}
