package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

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
        assertThat(r.getOutput()).contains("valid");
    }
}
