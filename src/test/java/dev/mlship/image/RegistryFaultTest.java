package dev.mlship.image;

import static dev.mlship.image.FaultProxy.Injected.FAST;
import static dev.mlship.image.FaultProxy.Kind.BLOB_GET;
import static dev.mlship.image.FaultProxy.Kind.BLOB_HEAD;
import static dev.mlship.image.FaultProxy.Kind.BLOB_PATCH;
import static dev.mlship.image.FaultProxy.Kind.BLOB_POST;
import static dev.mlship.image.FaultProxy.Kind.BLOB_PUT;
import static dev.mlship.image.FaultProxy.Kind.MANIFEST_GET;
import static dev.mlship.image.FaultProxy.Kind.MANIFEST_HEAD;
import static dev.mlship.image.FaultProxy.Kind.MANIFEST_PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import dev.mlship.config.PackageSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes, pulls, promotions and rollbacks through {@link FaultProxy} in front of a real registry: one of
 * each transient fault on each kind of request they make, and they end with the same digests as without
 * faults; permanent refusals fail at once, a registry that keeps failing fails within the deadline.
 */
class RegistryFaultTest {
    /** Short waits, so the suite stays fast; the policy is the production one. */
    static final Map<String, String> FAST_RETRY = Map.of(RegistryRetry.BACKOFF, "10", RegistryRetry.ATTEMPTS, "10",
            RegistryRetry.DEADLINE, "30", RegistryRetry.TIMEOUT, "1");

    /** Every transient fault that costs no wait. */
    static final List<FaultProxy.Injected> QUICK = FAST.stream()
            .filter(f -> f != FaultProxy.Injected.TOO_MANY_REQUESTS_429).toList();

    @TempDir
    static Path dir;

    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static String push(String host, String repo, String tag, String model, Map<String, String> env, List<String> log) {
        ImageContent content = new ImageContent("m", model.getBytes(StandardCharsets.UTF_8), "{}".getBytes(),
                Map.of(ImageLabels.GATES, "passed"), null);
        return new ModelImageBuilder(env, dir.resolve("cache"), log::add)
                .build(content, new ImageTarget.Registry(host + "/" + repo, List.of(tag), false)).digest();
    }

    private static Registries.Repository open(String host, String repo, List<String> log) {
        return Registries.open(new PackageSpec(host + "/" + repo, null, null, null), FAST_RETRY, RegistryRetry.from(FAST_RETRY),
                log::add);
    }

    private static RegistryClient direct() {
        return new RegistryClient(registry.host(), true, Optional.empty(), RegistryRetry.DEFAULT.withAttempts(1), s -> {});
    }

    @Test
    void aPushSurvivesEveryTransientFaultOnEveryKindOfRequestItMakes() throws Exception {
        String expected = push(registry.host(), "acme/direct", "sha-1", "model one", Map.of(), new CopyOnWriteArrayList<>());
        List<String> log = new CopyOnWriteArrayList<>();
        try (FaultProxy proxy = FaultProxy.in(registry)) {
            proxy.inject(List.of(BLOB_HEAD, BLOB_POST, BLOB_PATCH, BLOB_PUT, MANIFEST_PUT), QUICK);
            proxy.inject(List.of(BLOB_POST), List.of(FaultProxy.Injected.TOO_MANY_REQUESTS_429));
            // Each attempt re-runs the push up to its first fault: 31 faults need as many attempts.
            Map<String, String> env = new java.util.HashMap<>(FAST_RETRY);
            env.put(RegistryRetry.ATTEMPTS, "40");
            assertThat(push(proxy.host(), "acme/proxied", "sha-1", "model one", env, log)).isEqualTo(expected);
            assertThat(proxy.unserved()).isEmpty();
        }
        assertThat(direct().digest("acme/proxied", "sha-1")).hasValue(expected);
        // Retries are in the log, with what failed. (One attempt can meet several faults: Jib uploads blobs in
        // parallel, and its HTTP client re-sends an idempotent request once by itself.)
        assertThat(log.getFirst()).matches("push 127\\.0\\.0\\.1:\\d+/acme/proxied:sha-1: HTTP 50[23]; retry 1 of 39 after \\d+ ms");
        assertThat(log).anySatisfy(l -> assertThat(l).contains("HTTP 429"));
    }

    @Test
    void aPushRetriesARequestThatGetsNoAnswerWithinTheTimeout() throws Exception {
        String expected = push(registry.host(), "acme/slow-direct", "sha-1", "slow model", Map.of(), new CopyOnWriteArrayList<>());
        String before = System.getProperty("jib.httpTimeout");
        System.setProperty("jib.httpTimeout", "500"); // Jib's own read timeout, in ms
        try (FaultProxy proxy = FaultProxy.in(registry).silence(Duration.ofSeconds(2))) {
            proxy.inject(List.of(BLOB_POST, MANIFEST_PUT), List.of(FaultProxy.Injected.SILENT_PAST_TIMEOUT));
            List<String> log = new CopyOnWriteArrayList<>();
            assertThat(push(proxy.host(), "acme/slow", "sha-1", "slow model", FAST_RETRY, log)).isEqualTo(expected);
            assertThat(proxy.unserved()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty("jib.httpTimeout");
            } else {
                System.setProperty("jib.httpTimeout", before);
            }
        }
    }

    @Test
    void pullPromoteAndRollbackSurviveEveryTransientFaultOnEveryKindOfRequestTheyMake() throws Exception {
        String first = push(registry.host(), "acme/promoted", "sha-1", "model one", Map.of(), new CopyOnWriteArrayList<>());
        String second = push(registry.host(), "acme/promoted", "sha-2", "model two", Map.of(), new CopyOnWriteArrayList<>());
        List<String> log = new CopyOnWriteArrayList<>();
        List<FaultProxy.Injected> faults = QUICK;
        // The waits (Retry-After: 1, silence past the 1 s timeout) go to one kind of request per step.
        List<FaultProxy.Injected> slow = List.of(FaultProxy.Injected.TOO_MANY_REQUESTS_429,
                FaultProxy.Injected.SILENT_PAST_TIMEOUT);
        try (FaultProxy proxy = FaultProxy.in(registry).silence(Duration.ofMillis(1500))) {
            Registries.Repository repo = open(proxy.host(), "acme/promoted", log);
            TagMover mover = new TagMover(repo.client(), repo.repository());

            proxy.inject(List.of(MANIFEST_GET, MANIFEST_HEAD, MANIFEST_PUT, BLOB_GET), faults);
            proxy.inject(List.of(MANIFEST_PUT), slow);
            Promotion initial = mover.promote("sha-1", "production", false);
            assertThat(initial.after()).isEqualTo(first);
            Promotion next = mover.promote("sha-2", "production", false);
            assertThat(next.before()).isEqualTo(first);
            assertThat(next.after()).isEqualTo(second);
            assertThat(proxy.unserved()).isEmpty();

            proxy.inject(List.of(MANIFEST_GET, MANIFEST_HEAD, MANIFEST_PUT), faults);
            proxy.inject(List.of(MANIFEST_HEAD), slow);
            Promotion back = mover.rollback("production");
            assertThat(back.after()).isEqualTo(first);
            assertThat(proxy.unserved()).isEmpty();

            proxy.inject(List.of(MANIFEST_GET, BLOB_GET), faults);
            proxy.inject(List.of(BLOB_GET), slow);
            PulledModel pulled = ModelPuller.pull(repo, "production").orElseThrow();
            assertThat(pulled.digest()).isEqualTo(first);
            assertThat(new String(pulled.onnx(), StandardCharsets.UTF_8)).isEqualTo("model one");
            assertThat(proxy.unserved()).isEmpty();
        }
        assertThat(direct().digest("acme/promoted", "production")).hasValue(first);
        assertThat(direct().digest("acme/promoted", "previous")).hasValue(first); // a rollback leaves previous alone
        assertThat(log).anySatisfy(l -> assertThat(l).contains("PUT acme/promoted/manifests/").contains("; retry 1 of 9"));
    }

    @Test
    void aRegistryRefusingEveryWriteFailsWithinTheDeadlineAndLeavesProductionAlone() throws Exception {
        String first = push(registry.host(), "acme/refusing", "sha-1", "model one", Map.of(), new CopyOnWriteArrayList<>());
        push(registry.host(), "acme/refusing", "sha-2", "model two", Map.of(), new CopyOnWriteArrayList<>());
        direct().putManifest("acme/refusing", "production", direct().manifest("acme/refusing", "sha-1").orElseThrow());
        Map<String, String> env = Map.of(RegistryRetry.BACKOFF, "50", RegistryRetry.DEADLINE, "3");
        try (FaultProxy proxy = FaultProxy.in(registry)) {
            proxy.always(FaultProxy.Kind.WRITES, FaultProxy.Injected.UNAVAILABLE_503);

            long start = System.nanoTime();
            assertThatThrownBy(() -> push(proxy.host(), "acme/refusing", "sha-3", "model three", env, new CopyOnWriteArrayList<>()))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.REMOTE);
                        assertThat(e.getMessage()).matches("cannot push 127\\.0\\.0\\.1:\\d+/acme/refusing:sha-3: HTTP 503"
                                + " after \\d+ attempts in \\d+ s; the registry kept failing: try again later, or check its"
                                + " status page");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            TagMover mover = Registries.tagMover(new PackageSpec(proxy.host() + "/acme/refusing", null, null, null), env,
                    s -> {});
            start = System.nanoTime();
            assertThatThrownBy(() -> mover.promote("sha-2", "production", false))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.getMessage()).matches(
                            "registry 127\\.0\\.0\\.1:\\d+ kept failing PUT acme/refusing/manifests/promoting \\(HTTP 503 after"
                                    + " \\d+ attempts in \\d+ s\\); try again later, or check the registry's status page"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(direct().digest("acme/refusing", "production")).hasValue(first);
        assertThat(direct().digest("acme/refusing", "sha-3")).isEmpty();
    }

    @Test
    void aPermanentRefusalIsNotRetried() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (FaultProxy proxy = FaultProxy.in(registry)) {
            proxy.always(List.of(BLOB_POST, MANIFEST_PUT), FaultProxy.Injected.FORBIDDEN_403);
            assertThatThrownBy(() -> push(proxy.host(), "acme/forbidden", "sha-1", "model", FAST_RETRY, log))
                    .isInstanceOfSatisfying(MlshipException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.REMOTE);
                        assertThat(e.getMessage()).contains("refused access").doesNotContain("attempts");
                    });
            // Jib asks once more with fresh credentials after a 403; mlship's policy adds no retry of its own.
            assertThat(proxy.served().get(BLOB_POST)).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("retry"));
    }
}
