package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JVM started without the launchers' 16-byte object alignment is told, on a model that trains through
 * OpenBLAS, that the model may change from run to run on CPUs without AVX, and how to start java instead.
 */
class AlignmentWarningTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} bytes")
    @CsvSource({"ridge, 8, true", "ridge, 16, false", "random_forest, 8, false"})
    void aRunOnEightByteAlignmentWarnsForOpenBlasModels(String algorithm, int alignment, boolean warned) throws Exception {
        Path config = Files.writeString(dir.resolve("mlship.yaml"), """
                name: cpu
                data: {path: %s, label: performance, split: {test: 0.2, seed: 3}}
                prepare: {max_categories: 10}
                model: {task: regression, algorithm: %s}
                evaluate: {folds: 2, bootstrap: 0}
                """.formatted(Path.of("examples/cpu-performance/data/cpu.csv").toAbsolutePath(), algorithm));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:ObjectAlignmentInBytes=" + alignment,
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")), "-cp", System.getProperty("java.class.path"),
                ServeProcessTest.class.getName(), "run", config.toString(), "--out", dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("log.txt"));

        assertThat(p.exitValue()).as(log).isZero();
        String warning = "this JVM aligns objects to 8 bytes";
        assertThat(log.contains(warning)).as(log).isEqualTo(warned);
        assertThat(Files.readString(dir.resolve("out/report.md")).contains(warning)).isEqualTo(warned);
    }
}
