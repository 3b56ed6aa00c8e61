package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which kernels OpenBLAS runs in this JVM, as the model card records them. `.ci/run` runs the numerical
 * tests again with OPENBLAS_CORETYPE set to other CPUs' core types; this test proves the setting took
 * effect, so a green run under "Prescott" really exercised Prescott's kernels and not this machine's own.
 */
class OpenBlasCoreTest {
    @Test
    void openBlasReportsItsVersionAndTheCoreTypeItIsToldTo() {
        String described = OpenBlas.describe();
        System.out.println("OpenBLAS: " + described);
        assertThat(described).matches("\\d+\\.\\d+\\.\\d+ \\w+");
        String forced = System.getenv("OPENBLAS_CORETYPE");
        if (forced != null && !forced.isBlank()) {
            assertThat(described.substring(described.indexOf(' ') + 1)).isEqualToIgnoringCase(forced);
        }
    }

    @Test
    void anAlignmentBelowSixteenBytesIsWarnedAbout() {
        assertThat(OpenBlas.alignmentWarning(8)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("this JVM aligns objects to 8 bytes").contains("-XX:ObjectAlignmentInBytes=16"));
        assertThat(OpenBlas.alignmentWarning(16)).isEmpty();
        assertThat(OpenBlas.alignmentWarning(0)).isEmpty();
        // The tests run with the launchers' flag (pom.xml's argLine), so this JVM is one that needs no warning.
        assertThat(OpenBlas.objectAlignment()).isEqualTo(16);
    }
}
