package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each example run on a DuckDB-written Parquet copy of its CSV (src/test/resources/parquet) gives the CSV run's
 * schema, split and metrics. The reader test shows the two tables are equal value for value, so the runs
 * share every input; metrics are still compared within 1e-12 rather than bit for bit, as the two runs are
 * separate trainings whose thread scheduling is not part of the contract.
 */
class ParquetRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "credit-risk, credit.csv, credit-parts",
        "penguins, penguins.csv, penguins.parquet",
        "cpu-performance, cpu.csv, cpu.parquet"})
    void anExampleGivesTheSameMetricsFromParquetAsFromCsv(String example, String csv, String parquet) throws IOException {
        Path project = dir.resolve(example);
        Files.createDirectories(project);
        Path fixture = Path.of("src/test/resources/parquet", parquet).toAbsolutePath();
        String config = Files.readString(Path.of("examples", example, "mlship.yaml"));
        Files.writeString(project.resolve("mlship.yaml"), config.replace("path: data/" + csv, "path: " + fixture));
        assertThat(Files.readString(project.resolve("mlship.yaml"))).contains("path: " + fixture);

        Cli fromCsv = Cli.run("run", "examples/" + example, "--out", dir.resolve("csv-out").toString());
        assertThat(fromCsv.exitCode()).as(fromCsv.err()).isZero();
        Cli fromParquet = Cli.run("run", project.toString(), "--out", dir.resolve("parquet-out").toString());
        assertThat(fromParquet.exitCode()).as(fromParquet.err()).isZero();

        JsonNode a = JSON.readTree(dir.resolve("csv-out/metrics.json").toFile());
        JsonNode b = JSON.readTree(dir.resolve("parquet-out/metrics.json").toFile());
        for (String count : new String[] {"rows", "train_rows", "test_rows"}) {
            assertThat(b.at("/dataset/" + count)).as(count).isEqualTo(a.at("/dataset/" + count));
        }
        assertThat(b.at("/dataset/sha256").asText()).isNotEqualTo(a.at("/dataset/sha256").asText());
        assertThat(a.get("metrics").size()).isGreaterThan(2);
        for (Iterator<Map.Entry<String, JsonNode>> it = a.get("metrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> metric = it.next();
            assertThat(b.at("/metrics/" + metric.getKey() + "/value").asDouble()).as(metric.getKey())
                    .isCloseTo(metric.getValue().get("value").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        }
        JsonNode schemaA = JSON.readTree(dir.resolve("csv-out/schema.json").toFile());
        JsonNode schemaB = JSON.readTree(dir.resolve("parquet-out/schema.json").toFile());
        assertThat(schemaB.get("columns")).isEqualTo(schemaA.get("columns"));
        assertThat(schemaB.has("delimiter")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated.parquet|truncated.parquet: is not a readable Parquet file ([truncated.parquet] Not a Parquet file (invalid magic number at end)); check that it is complete and was written as Parquet",
        "mismatch|part-1.parquet: has no column 'y', which part-0.parquet has; every part needs the same columns: write the parts with one schema"})
    void badParquetIsOneLineAndExitCode3WithNothingWritten(String fixture, String message) throws IOException {
        Path data = Path.of("src/test/resources/parquet", fixture).toAbsolutePath();
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: broken
                data:
                  path: %s
                  label: x
                model:
                  task: regression
                  algorithm: linear
                """.formatted(data));
        Cli run = Cli.run("run", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err().strip()).endsWith(message);
        assertThat(dir.resolve("out/metrics.json")).doesNotExist();
    }
}
