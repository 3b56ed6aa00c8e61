package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship serve` with bad input: one line and exit code 2, before anything listens. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private static void usageError(Cli r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains(message);
    }

    @Test
    void missingModelFile() {
        usageError(Cli.run("serve", "--model", dir.resolve("nope.onnx").toString(), "--port", "0"),
                "model file " + dir.resolve("nope.onnx") + " does not exist: check --model");
    }

    @Test
    void fileThatIsNotOnnx() throws Exception {
        Path bad = Files.writeString(dir.resolve("model.onnx"), "name,age\nx,1\n");
        usageError(Cli.run("serve", "--model", bad.toString(), "--port", "0"),
                bad + " is not an ONNX model that ONNX Runtime can load");
    }

    @Test
    void emptyModelsFolder() throws Exception {
        usageError(Cli.run("serve", "--models-dir", dir.toString(), "--port", "0"), "no *.onnx model below " + dir);
    }

    @Test
    void portInUse() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), dev.mlship.serve.TestModels.classifier("churn"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            usageError(Cli.run("serve", "--model", model.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)),
                    "cannot listen on 127.0.0.1:" + port + ": the address is in use: choose another with --port");
        }
    }

    @Test
    void badOptions() {
        usageError(Cli.run("serve"), "Missing required argument");
        usageError(Cli.run("serve", "--model", "a.onnx", "--models-dir", "."), "mutually exclusive");
        usageError(Cli.run("serve", "--models-dir", ".", "--name", "x"), "--name names a single model");
        usageError(Cli.run("serve", "--model", "a.onnx", "--port", "70000"), "--port 70000 is not a port");
        usageError(Cli.run("serve", "--model", "a.onnx", "--max-rows", "0"), "--max-rows must be at least 1");
    }

    @Test
    void helpListsTheFlags() {
        Cli r = Cli.run("serve", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--model", "--models-dir", "--name", "--port", "--host", "--max-body-bytes",
                "--max-rows", "--request-timeout", "--drain-timeout", "--access-log");
    }
}
