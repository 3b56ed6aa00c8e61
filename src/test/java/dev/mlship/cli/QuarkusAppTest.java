package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application as Quarkus starts it: the command line is wired with mlship's error handling. */
@QuarkusMainTest
class QuarkusAppTest {
    @Test
    void versionNamesMlshipAndSmile(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.getOutput()).startsWith("mlship ").contains("Smile 6.3.0");
    }

    @Test
    void configErrorsExitTwoWithOneLine(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", "does-not-exist.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("does-not-exist.yaml").doesNotContain("\tat ");
    }

    @Test
    void validateAcceptsTheExample(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", "examples/credit-risk");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        // "valid" alone would also match "invalid".
        assertThat(r.getOutput()).contains("mlship.yaml: valid (classification, gradient_boosting)");
    }

    @Test
    void anXGBoostRunPrintsNoLibraryChatter(QuarkusMainLauncher launcher, @TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: %s, label: Status}
                model: {task: classification, algorithm: xgboost, params: {n_estimators: 5}}
                evaluate: {folds: 2, bootstrap: 0}
                """.formatted(Path.of("examples/credit-risk/data/credit.csv").toAbsolutePath()));

        LaunchResult r = launcher.launch("run", config.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exitCode()).as(r.getOutput() + r.getErrorOutput()).isZero();
        // XGBoost4J logs through commons-logging, whose bridge objected to a setting in Jib's jar on every run.
        assertThat(r.getErrorOutput()).doesNotContain("is not supported");
    }
}
