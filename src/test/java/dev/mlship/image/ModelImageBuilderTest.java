package dev.mlship.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlship.ExitCode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelImageBuilderTest {
    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json";

    @TempDir
    static Path dir;

    static LocalRegistry open;
    static LocalRegistry locked;

    @BeforeAll
    static void startRegistries() throws Exception {
        open = LocalRegistry.start(Files.createDirectories(dir.resolve("open")), false);
        locked = LocalRegistry.start(Files.createDirectories(dir.resolve("locked")), true);
    }

    @AfterAll
    static void stopRegistries() throws Exception {
        open.close();
        locked.close();
    }

    private static ImageContent content(String modelText) {
        return new ImageContent("credit-risk", modelText.getBytes(StandardCharsets.UTF_8), "{\"card\":1}\n".getBytes(),
                Map.of("org.opencontainers.image.title", "credit-risk", "dev.mlship.gates", "passed"), null);
    }

    private static ModelImageBuilder builder(Map<String, String> env) {
        return new ModelImageBuilder(env, dir.resolve("cache"), line -> {});
    }

    @Test
    void aTarNeedsNoRegistryAndIsReproducible() throws Exception {
        BuiltImage a = builder(Map.of()).build(content("onnx-bytes"), new ImageTarget.Tar(dir.resolve("a.tar"), "credit-risk:local-1"));
        BuiltImage b = builder(Map.of()).build(content("onnx-bytes"), new ImageTarget.Tar(dir.resolve("b.tar"), "credit-risk:local-1"));
        BuiltImage c = builder(Map.of()).build(content("other-bytes"), new ImageTarget.Tar(dir.resolve("c.tar"), "credit-risk:local-1"));

        assertThat(a.digest()).startsWith("sha256:").isEqualTo(b.digest()).isNotEqualTo(c.digest());
        assertThat(Files.size(dir.resolve("a.tar"))).isPositive();
    }

    @Test
    void pushCarriesTheModelLayerLabelsAndEveryTag() throws Exception {
        String repo = open.host() + "/acme/credit-risk";
        BuiltImage built = builder(Map.of()).build(content("onnx-bytes"),
                new ImageTarget.Registry(repo, List.of("sha-abc123", "latest"), false));

        assertThat(built.reference()).isEqualTo(repo + ":sha-abc123");
        assertThat(built.tags()).contains("sha-abc123", "latest");
        HttpResponse<byte[]> manifest = get(open, "/v2/acme/credit-risk/manifests/sha-abc123", ACCEPT, null);
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(built.digest());
        assertThat(get(open, "/v2/acme/credit-risk/manifests/latest", ACCEPT, null).headers()
                .firstValue("Docker-Content-Digest")).hasValue(built.digest());

        JsonNode m = new ObjectMapper().readTree(manifest.body());
        assertThat(m.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode config = new ObjectMapper().readTree(get(open, "/v2/acme/credit-risk/blobs/" + m.at("/config/digest").asText(),
                "*/*", null).body());
        assertThat(config.at("/config/Labels/dev.mlship.gates").asText()).isEqualTo("passed");
        assertThat(config.get("created").asText()).startsWith("1970-01-01T00:00:00");
        assertThat(m.get("layers")).hasSize(1);
        byte[] layer = get(open, "/v2/acme/credit-risk/blobs/" + m.at("/layers/0/digest").asText(), "*/*", null).body();
        Map<String, String> files = untar(layer);
        assertThat(files).containsEntry("models/credit-risk/model.onnx", "onnx-bytes")
                .containsEntry("models/credit-risk/model-card.json", "{\"card\":1}\n");

        BuiltImage again = builder(Map.of()).build(content("onnx-bytes"),
                new ImageTarget.Registry(repo, List.of("sha-def456"), false));
        assertThat(again.digest()).isEqualTo(built.digest());
    }

    private static final RegistryRetry ONE_TRY = new RegistryRetry(1, java.time.Duration.ofMillis(10),
            java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(10));

    @Test
    void trainingStatisticsTravelBesideTheModelAndArePulledBack() throws Exception {
        String repo = open.host() + "/acme/with-stats";
        byte[] statistics = "{\"version\":1,\"rows\":3,\"features\":{}}\n".getBytes(StandardCharsets.UTF_8);
        ImageContent content = new ImageContent("credit-risk", "onnx-bytes".getBytes(StandardCharsets.UTF_8), "{}".getBytes(),
                statistics, Map.of(), null);
        builder(Map.of()).build(content, new ImageTarget.Registry(repo, List.of("production"), false));

        PulledModel pulled = ModelPuller.pull(Registries.open(new dev.mlship.config.PackageSpec(repo, null, null, null), Map.of(),
                ONE_TRY, line -> { }), "production").orElseThrow();

        assertThat(pulled.onnx()).asString(StandardCharsets.UTF_8).isEqualTo("onnx-bytes");
        assertThat(pulled.statistics()).isEqualTo(statistics);
        // A model image from before statistics.json: pulled with none, not refused.
        builder(Map.of()).build(content("old-onnx"), new ImageTarget.Registry(repo, List.of("old"), false));
        PulledModel old = ModelPuller.pull(Registries.open(new dev.mlship.config.PackageSpec(repo, null, null, null), Map.of(),
                ONE_TRY, line -> { }), "old").orElseThrow();
        assertThat(old.statistics()).isNull();
    }

    @Test
    void aBaseImageMakesAServingImageThatRunsAsNonRoot() throws Exception {
        // Any image in the registry can stand in for mlship's own base image here.
        String base = builder(Map.of()).build(content("base layer"),
                new ImageTarget.Registry(open.host() + "/acme/base", List.of("1"), false)).reference();
        ImageContent serving = new ImageContent("credit-risk", "onnx".getBytes(), "{}".getBytes(), Map.of(), base);
        builder(Map.of()).build(serving, new ImageTarget.Registry(open.host() + "/acme/served", List.of("sha-1"), false));

        JsonNode m = new ObjectMapper().readTree(get(open, "/v2/acme/served/manifests/sha-1", ACCEPT, null).body());
        assertThat(m.get("layers")).hasSize(2);
        JsonNode config = new ObjectMapper().readTree(get(open, "/v2/acme/served/blobs/" + m.at("/config/digest").asText(),
                "*/*", null).body());
        assertThat(config.at("/config/Entrypoint").toString())
                .isEqualTo("[\"mlship\",\"serve\",\"--model\",\"/models/credit-risk/model.onnx\",\"--port\",\"8080\"]");
        assertThat(config.at("/config/User").asText()).isEqualTo("65532:65532");
        assertThat(config.at("/config/ExposedPorts").has("8080/tcp")).isTrue();
    }

    @Test
    void credentialsFromTheEnvironmentOpenALockedRegistry() {
        Map<String, String> env = new HashMap<>();
        env.put("MLSHIP_REGISTRY_USERNAME", LocalRegistry.USER);
        env.put("MLSHIP_REGISTRY_PASSWORD", LocalRegistry.PASSWORD);
        BuiltImage built = builder(env).build(content("locked"),
                new ImageTarget.Registry(locked.host() + "/acme/m", List.of("sha-1"), false));
        assertThat(built.digest()).startsWith("sha256:");
    }

    @Test
    void aWrongPasswordIsARemoteErrorThatDoesNotShowTheSecret() {
        Map<String, String> env = Map.of("MLSHIP_REGISTRY_USERNAME", LocalRegistry.USER, "MLSHIP_REGISTRY_PASSWORD", "wrong-pass-123");
        assertThatThrownBy(() -> builder(env).build(content("x"),
                new ImageTarget.Registry(locked.host() + "/acme/m", List.of("sha-2"), false)))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REMOTE))
                .hasMessageContaining("unauthorized")
                .hasMessageNotContaining("wrong-pass-123");
    }

    @Test
    void loopbackRegistriesMayUsePlainHttpButOthersMayNot() {
        assertThat(ModelImageBuilder.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(ModelImageBuilder.isLoopback("localhost:5000")).isTrue();
        assertThat(ModelImageBuilder.isLoopback("[::1]:5000")).isTrue();
        assertThat(ModelImageBuilder.isLoopback("ghcr.io")).isFalse();
        assertThat(ModelImageBuilder.isLoopback("10.0.0.8:5000")).isFalse();
    }

    private static HttpResponse<byte[]> get(LocalRegistry r, String path, String accept, String auth) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + r.host() + path)).header("Accept", accept);
        if (auth != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes()));
        }
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Regular files of a gzipped layer tar, by path without a leading slash. */
    static Map<String, String> untar(byte[] gz) throws Exception {
        Map<String, String> files = new HashMap<>();
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                if (name.isEmpty()) {
                    break;
                }
                long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (header[156] == '0' || header[156] == 0) {
                    files.put(name.replaceFirst("^/", ""), new String(body, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
