package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Only `serve` opens a port: the application has no HTTP extension, so the other commands boot and run
 * while something else holds port 8080.
 */
@QuarkusMainTest
class NoListeningTest {
    @Test
    void noHttpExtensionOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("io.quarkus.vertx.http.runtime.VertxHttpRecorder"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void validateRunsWhilePort8080IsTaken(QuarkusMainLauncher launcher) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            try {
                taken.bind(new InetSocketAddress(8080));
            } catch (IOException e) {
                Assumptions.abort("port 8080 is in use on this machine: " + e.getMessage());
            }
            LaunchResult r = launcher.launch("validate", "examples/credit-risk");
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            LaunchResult help = launcher.launch("run", "--help");
            assertThat(help.exitCode()).isZero();
        }
    }
}
