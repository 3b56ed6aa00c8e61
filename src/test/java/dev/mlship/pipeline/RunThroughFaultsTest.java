package dev.mlship.pipeline;

import static dev.mlship.image.FaultProxy.Injected.BAD_GATEWAY_502;
import static dev.mlship.image.FaultProxy.Injected.CLOSED_MID_ANSWER;
import static dev.mlship.image.FaultProxy.Injected.CLOSED_WITHOUT_ANSWER;
import static dev.mlship.image.FaultProxy.Injected.CONNECTION_RESET;
import static dev.mlship.image.FaultProxy.Injected.TOO_MANY_REQUESTS_429_NO_RETRY_AFTER;
import static dev.mlship.image.FaultProxy.Injected.UNAVAILABLE_503;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.ExitCode;
import dev.mlship.config.PackageSpec;
import dev.mlship.config.SpecLoader;
import dev.mlship.image.FaultProxy;
import dev.mlship.image.FaultProxy.Kind;
import dev.mlship.image.LocalRegistry;
import dev.mlship.image.Registries;
import dev.mlship.image.RemoteException;
import dev.mlship.image.TagMover;
import dev.mlship.report.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mlship run`, promotion and rollback through a proxy that fails one request of every kind they make, each
 * kind with another transient fault: they succeed with the digests a run without faults gives.
 */
class RunThroughFaultsTest {
    static final Map<String, String> ENV = Map.of("MLSHIP_REGISTRY_BACKOFF_MS", "10", "MLSHIP_REGISTRY_ATTEMPTS", "20",
            "MLSHIP_REGISTRY_TIMEOUT_S", "5");
    static final String C1 = "1".repeat(40);
    static final String C2 = "2".repeat(40);

    @TempDir
    Path dir;

    /** One fault on every kind of request, a different one per kind so that every fault kind is met. */
    static void oneFaultEach(FaultProxy proxy) {
        List<FaultProxy.Injected> faults = List.of(UNAVAILABLE_503, CONNECTION_RESET, CLOSED_MID_ANSWER, BAD_GATEWAY_502,
                TOO_MANY_REQUESTS_429_NO_RETRY_AFTER, CLOSED_WITHOUT_ANSWER);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            proxy.inject(List.of(kinds[i]), List.of(faults.get(i % faults.size())));
        }
    }

    private Path project(String host, String repo, int rows) throws Exception {
        Path project = Files.createDirectories(dir.resolve(repo.replace('/', '-') + "-" + rows));
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i % 3 == 0 ? "x" : "z").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(project.resolve("data.csv"), csv);
        Files.writeString(project.resolve("mlship.yaml"), """
                name: faulty
                data: {path: data.csv, label: y}
                model: {task: classification, algorithm: logistic}
                evaluate: {folds: 2, bootstrap: 20}
                package: {image: %s/%s}
                """.formatted(host, repo));
        return project;
    }

    private JsonNode run(Path project, String commit, Map<String, String> env) throws Exception {
        Path out = project.resolve("out-" + commit.charAt(0));
        new PipelineRunner(new StageLog(new PrintWriter(new StringWriter()), false), env)
                .run(SpecLoader.load(project.resolve("mlship.yaml")), new RunOptions(out, null, commit, true, false));
        return ((com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(out.resolve("metrics.json").toFile())).set("image",
                Json.mapper().readTree(out.resolve("image.json").toFile()));
    }

    @Test
    void runPromoteAndRollbackSucceedDespiteOneFaultOnEveryKindOfRequest() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false);
                FaultProxy proxy = FaultProxy.in(registry)) {
            String d1 = run(project(registry.host(), "acme/plain", 40), C1, ENV).at("/image/digest").asText();
            String d2 = run(project(registry.host(), "acme/plain", 60), C2, ENV).at("/image/digest").asText();
            assertThat(d1).isNotEqualTo(d2);

            oneFaultEach(proxy);
            JsonNode first = run(project(proxy.host(), "acme/faulty", 40), C1, ENV);
            assertThat(first.at("/image/digest").asText()).isEqualTo(d1);
            TagMover mover = Registries.tagMover(new PackageSpec(proxy.host() + "/acme/faulty", null, null, null), ENV,
                    s -> {});
            oneFaultEach(proxy);
            assertThat(mover.promote("sha-" + C1, "production", false).after()).isEqualTo(d1);

            oneFaultEach(proxy);
            JsonNode second = run(project(proxy.host(), "acme/faulty", 60), C2, ENV);
            assertThat(second.at("/image/digest").asText()).isEqualTo(d2);
            assertThat(second.at("/baseline/digest").asText()).isEqualTo(d1); // the deployed model was pulled
            oneFaultEach(proxy);
            assertThat(mover.promote("sha-" + C2, "production", false).after()).isEqualTo(d2);
            oneFaultEach(proxy);
            assertThat(mover.rollback("production").after()).isEqualTo(d1);
            // Every kind of request met its fault.
            assertThat(proxy.served().keySet()).containsExactlyInAnyOrder(Kind.values());
        }
    }

    @Test
    void aRegistryRefusingEveryWriteFailsTheRunWithExit4AndWritesNothing() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false);
                FaultProxy proxy = FaultProxy.in(registry)) {
            proxy.always(Kind.WRITES, UNAVAILABLE_503);
            Path project = project(proxy.host(), "acme/refused", 40);
            Map<String, String> env = Map.of("MLSHIP_REGISTRY_BACKOFF_MS", "100", "MLSHIP_REGISTRY_DEADLINE_S", "3");
            long start = System.nanoTime();
            assertThatThrownBy(() -> run(project, C1, env)).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REMOTE);
                assertThat(e.getMessage()).startsWith("cannot push " + proxy.host() + "/acme/refused:sha-" + C1 + ": HTTP 503 after")
                        .doesNotContain("\n");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(project.resolve("out-1")).doesNotExist();
        }
    }
}
