package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.image.FaultProxy;
import dev.mlship.image.LocalRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled CI job: SIGTERM or SIGINT to a real `mlship run` process while it trains or pushes. It stops
 * within 10 s with 143 / 130, and leaves no output folder (nothing claims a success), no staged files beside
 * it, and no tag on a half-pushed image.
 */
class CancelRunProcessTest {
    @TempDir
    Path dir;

    private Path project(String image) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        StringBuilder csv = new StringBuilder("a,b,c,y\n");
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < (image == null ? 4000 : 300); i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(r.nextBoolean() ? "u" : "v").append(',')
                    .append(a + b + r.nextGaussian() > 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(project.resolve("data.csv"), csv);
        // Without a registry, a search long enough (many seconds) that the signal surely arrives while it runs;
        // with one, a quick model: the push is where the signal is sent.
        String model = image == null ? """
                  algorithm: gradient_boosting
                  params: {trees: 300}
                  search: {method: grid, folds: 5, space: {max_depth: [3, 4, 5, 6]}}
                """ : "  algorithm: logistic\n";
        Files.writeString(project.resolve("mlship.yaml"), """
                name: cancelled
                data: {path: data.csv, label: y}
                model:
                  task: classification
                """ + model + "evaluate: {bootstrap: 20}\n" + (image == null ? "" : "package: {image: " + image + "}\n"));
        return project;
    }

    private Process start(Path project, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir,
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"), "-Djib.httpTimeout=60000",
                "-cp", System.getProperty("java.class.path"), ServeProcessTest.class.getName(),
                "run", project.toString(), "--out", out.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    /** Reads the process's output until a line matches; the rest is drained in the background. */
    private static void awaitLine(Process p, Predicate<String> wanted) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (wanted.test(line)) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
                return;
            }
        }
        throw new AssertionError("the run ended before the awaited line");
    }

    private long stop(Process p, String signal) throws Exception {
        long start = System.nanoTime();
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void assertNothingLeftBeside(Path out) throws Exception {
        assertThat(out).doesNotExist();
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + out.getFileName())))
                    .as("staged files beside the output folder").isEmpty();
        }
        try (Stream<Path> crashes = Files.list(dir)) {
            assertThat(crashes.filter(f -> f.getFileName().toString().startsWith("hs_err"))).isEmpty();
        }
    }

    @Test
    void sigtermWhileTrainingExits143AndWritesNoOutputs() throws Exception {
        Path out = dir.resolve("out");
        Process p = start(project(null), out);
        awaitLine(p, l -> l.contains("candidate(s) x"));
        long ms = stop(p, "TERM");
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).endsWith("mlship: stopped by SIGTERM; no outputs were written\n");
        assertThat(ms).isLessThan(10_000);
        assertNothingLeftBeside(out);
    }

    @Test
    void sigintWhileTrainingExits130() throws Exception {
        Path out = dir.resolve("out");
        Process p = start(project(null), out);
        awaitLine(p, l -> l.contains("candidate(s) x"));
        stop(p, "INT");
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).endsWith("mlship: stopped by SIGINT; no outputs were written\n");
        assertNothingLeftBeside(out);
    }

    @Test
    void sigtermWhilePushingLeavesTheImageUntaggedAndNoOutputs() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false);
                FaultProxy proxy = FaultProxy.in(registry).silence(Duration.ofSeconds(60))) {
            // The manifest PUT, the push's last step, gets no answer: the process is mid-push when the signal comes.
            proxy.inject(List.of(FaultProxy.Kind.MANIFEST_PUT), List.of(FaultProxy.Injected.SILENT_PAST_TIMEOUT));
            Path out = dir.resolve("out");
            Process p = start(project(proxy.host() + "/acme/cancelled"), out);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!proxy.served().containsKey(FaultProxy.Kind.MANIFEST_PUT) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(proxy.served()).as(Files.readString(dir.resolve("stderr.txt"))).containsKey(FaultProxy.Kind.MANIFEST_PUT);
            stop(p, "TERM");
            assertThat(p.exitValue()).isEqualTo(143);
            assertNothingLeftBeside(out);
            // Its blobs may be there; no tag names it.
            var tags = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + registry.host() + "/v2/acme/cancelled/tags/list")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(tags.statusCode() == 404 || !tags.body().contains("\"tags\":[\""))
                    .as(tags.statusCode() + " " + tags.body()).isTrue();
        }
    }
}
