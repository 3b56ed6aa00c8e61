package dev.mlship.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.config.ConfigException;
import dev.mlship.data.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, the request timeout, the access log, naming, and a graceful stop that finishes in-flight requests. */
class ServerLifecycleTest {
    @TempDir
    static Path dir;

    static Path modelFile;
    static Table rows;

    @BeforeAll
    static void model() throws Exception {
        modelFile = dir.resolve("churn.onnx");
        Files.write(modelFile, ServeFixture.classifier("churn"));
        rows = ServeFixture.table(50, 4, false);
    }

    @Test
    void bodiesAndBatchesOverTheLimitsAre413() {
        try (ModelRegistry models = ModelRegistry.ofFile(modelFile, null);
                InferenceServer server = new InferenceServer(models, ServeOptions.loopback().withLimits(4000, 5), System.out)) {
            Http http = Http.to(server.start());
            assertThat(http.post("/v2/models/churn/infer", ServeFixture.v2Request(rows, 0, 5)).status()).isEqualTo(200);

            Http.Reply rowsOver = http.post("/v2/models/churn/infer", ServeFixture.v2Request(rows, 0, 6));
            assertThat(rowsOver.status()).isEqualTo(413);
            assertThat(rowsOver.json().get("error").asText()).contains("has 6 rows, more than the 5 allowed per request (--max-rows)");
            Http.Reply v1Over = http.post("/v1/models/churn:predict", ServeFixture.v1Request(rows, 0, 6));
            assertThat(v1Over.status()).isEqualTo(413);
            assertThat(v1Over.json().get("error").asText()).contains("\"instances\" has 6 rows");

            Http.Reply big = http.post("/v2/models/churn/infer", "{\"inputs\": [], \"pad\": \"" + "x".repeat(5000) + "\"}");
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().get("error").asText()).isEqualTo(
                    "the request body is larger than 4000 bytes (--max-body-bytes): send fewer rows per request");
            // The server is still there for the next caller.
            assertThat(Http.to(http.port()).get("/v2/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void requestsOverTheTimeoutGet503() {
        // The same timeout bounds the request after it, so it is long enough for a loaded machine to score 3 rows;
        // the slow request is held until its 503 has arrived rather than for a fixed time.
        CountDownLatch release = new CountDownLatch(1);
        try (ModelRegistry models = ModelRegistry.ofFile(modelFile, null);
                InferenceServer server = new InferenceServer(models,
                        ServeOptions.loopback().withRequestTimeout(Duration.ofMillis(2000)), System.out)) {
            Http http = Http.to(server.start());
            server.beforeScoring(() -> await(release));
            long start = System.nanoTime();
            Http.Reply slow = http.post("/v2/models/churn/infer", ServeFixture.v2Request(rows, 0, 3));
            assertThat(slow.status()).isEqualTo(503);
            assertThat(slow.json().get("error").asText()).isEqualTo("the request was not answered within 2000 ms (request timeout)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2000));
            server.beforeScoring(() -> {});
            release.countDown();
            assertThat(Http.to(http.port()).post("/v2/models/churn/infer", ServeFixture.v2Request(rows, 0, 3)).status())
                    .isEqualTo(200);
        } finally {
            release.countDown();
        }
    }

    @Test
    void accessLogWritesOneJsonLinePerRequestOnlyWhenOn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ModelRegistry models = ModelRegistry.ofFile(modelFile, null);
                InferenceServer server = new InferenceServer(models, ServeOptions.loopback().withAccessLog(true), log)) {
            Http http = Http.to(server.start());
            http.post("/v2/models/churn/infer", ServeFixture.v2Request(rows, 0, 4));
            http.get("/v2/models/nope");
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = ServeFixture.JSON.readTree(lines[0]);
        assertThat(first.get("method").asText()).isEqualTo("POST");
        assertThat(first.get("path").asText()).isEqualTo("/v2/models/churn/infer");
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("model").asText()).isEqualTo("churn");
        assertThat(first.get("rows").asInt()).isEqualTo(4);
        assertThat(first.get("duration_ms").asDouble()).isPositive();
        assertThat(first.get("time").asText()).endsWith("Z");
        assertThat(ServeFixture.JSON.readTree(lines[1]).get("status").asInt()).isEqualTo(404);

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (ModelRegistry models = ModelRegistry.ofFile(modelFile, null);
                InferenceServer server = new InferenceServer(models, ServeOptions.loopback(), new PrintStream(quiet, true))) {
            Http.to(server.start()).get("/v2/health/live");
        }
        assertThat(quiet.size()).isZero();
    }

    @Test
    void stopFinishesInFlightRequestsAndRefusesNewOnes() throws Exception {
        ModelRegistry models = ModelRegistry.ofFile(modelFile, "renamed");
        InferenceServer server = new InferenceServer(models, ServeOptions.loopback(), System.out);
        Http http = Http.to(server.start());
        CountDownLatch scoring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.beforeScoring(() -> {
            scoring.countDown();
            await(release);
        });
        CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(
                () -> http.post("/v2/models/renamed/infer", ServeFixture.v2Request(rows, 0, 10)));
        assertThat(scoring.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        // The drain has started once readiness turns 503; how long that takes depends on the machine's load.
        Http.Reply notReady = Http.to(http.port()).get("/v2/health/ready");
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                notReady.status() != 503 && System.nanoTime() < deadline; ) {
            sleep(20);
            notReady = Http.to(http.port()).get("/v2/health/ready");
        }
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().get("ready").asBoolean()).isFalse();
        assertThat(stopping).as("held by the request in flight").isNotDone();
        Http.Reply late = Http.to(http.port()).post("/v2/models/renamed/infer", ServeFixture.v2Request(rows, 0, 2));
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.json().get("error").asText()).isEqualTo("the server is shutting down");

        release.countDown();
        Http.Reply answered = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("model_name").asText()).isEqualTo("renamed");
        stopping.get(10, TimeUnit.SECONDS);
        models.close();
        assertThatThrownBy(() -> Http.to(http.port()).get("/v2/health/live")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void scoringThatOutlastsTheDrainGets503AndKeepsItsSessionOpenUntilItEnds() throws Exception {
        ModelRegistry models = ModelRegistry.ofFile(modelFile, "slow");
        InferenceServer server = new InferenceServer(models, ServeOptions.loopback().withDrainTimeout(Duration.ofMillis(300)),
                System.out);
        Http http = Http.to(server.start());
        CountDownLatch scoring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.beforeScoring(() -> {
            scoring.countDown();
            // Like ONNX Runtime's native run, which an interrupt does not stop (closing Vert.x interrupts its workers).
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(
                () -> http.post("/v2/models/slow/infer", ServeFixture.v2Request(rows, 0, 10)));
        assertThat(scoring.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop); // the drain ends during scoring
        Http.Reply answered = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(503);
        assertThat(answered.json().get("error").asText()).contains("did not finish within the drain timeout");

        models.close();
        ServedModel m = models.get("slow");
        assertThat(m.session().isClosed()).as("closed under a request that is scoring").isFalse();
        assertThat(models.awaitClosed(Duration.ofMillis(200))).isFalse();
        release.countDown(); // scoring goes on, on the open session, and closes it when done
        assertThat(models.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(m.session().isClosed()).isTrue();
        stopping.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> m.session().score(ServeFixture.columns(rows, m.missingText()), rows.rows()))
                .isInstanceOfSatisfying(RequestError.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aPortInUseIsAConfigError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ModelRegistry models = ModelRegistry.ofFile(modelFile, null)) {
            ServeOptions options = new ServeOptions("127.0.0.1", taken.getLocalPort(), 1000, 10, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), false);
            InferenceServer server = new InferenceServer(models, options, System.out);
            assertThatThrownBy(server::start).isInstanceOf(ConfigException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the address is in use: choose another with --port");
        }
    }

    @Test
    void modelsAreNamedByMetadataFlagOrFolder() throws Exception {
        Files.createDirectories(dir.resolve("tree/a"));
        Files.write(dir.resolve("tree/a/model.onnx"), ServeFixture.regressor("price"));
        Files.write(dir.resolve("tree/b.onnx"), ServeFixture.classifier("churn"));
        try (ModelRegistry models = ModelRegistry.ofDirectory(dir.resolve("tree"))) {
            assertThat(models.names()).containsExactly("price", "churn");
        }
        try (ModelRegistry models = ModelRegistry.ofFile(modelFile, "other")) {
            assertThat(models.names()).containsExactly("other");
        }
        Files.createDirectories(dir.resolve("twice/x"));
        Files.write(dir.resolve("twice/x/model.onnx"), ServeFixture.classifier("churn"));
        Files.write(dir.resolve("twice/y.onnx"), ServeFixture.classifier("churn"));
        assertThatThrownBy(() -> ModelRegistry.ofDirectory(dir.resolve("twice"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("two models are named 'churn'");
        assertThatThrownBy(() -> ModelRegistry.ofDirectory(dir.resolve("tree/a/none"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
