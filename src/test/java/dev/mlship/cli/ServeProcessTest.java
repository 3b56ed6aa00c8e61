package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `mlship serve` as its own process: it serves until SIGTERM, then stops and closes its port. */
class ServeProcessTest {
    @TempDir
    Path dir;

    /** The command line as a process entry point, for this test's child JVM. */
    public static void main(String[] args) {
        System.exit(ErrorHandler.install(new CommandLine(new MlshipCommand())).execute(args));
    }

    @Test
    void servesUntilSigterm() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), dev.mlship.serve.TestModels.classifier("churn"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), ServeProcessTest.class.getName(),
                "serve", "--model", model.toString(), "--host", "127.0.0.1", "--port", "0", "--access-log")
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            lines.add(first);
            Matcher m = Pattern.compile("serving churn \\(version [0-9a-f]{12}, .*\\) at http://127.0.0.1:(\\d+)/v2/models/churn")
                    .matcher(String.valueOf(first));
            assertThat(m.matches()).as(first + "\n" + Files.readString(dir.resolve("stderr.txt"))).isTrue();
            int port = Integer.parseInt(m.group(1));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/churn:predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [{\"count\": 3, \"colour\": \"red\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"predictions\":[{\"label\":");
            String log = out.readLine();
            assertThat(log).contains("\"path\":\"/v1/models/churn:predict\"", "\"status\":200");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/live"))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        } finally {
            p.destroyForcibly();
        }
    }
}
