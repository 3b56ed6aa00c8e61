package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlship.image.LocalRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` pushes the candidate to package.image; `package` rebuilds the same image from the outputs. */
class PackageToRegistryTest {
    @TempDir
    Path dir;

    @Test
    void runPushesAndPackageRebuildsTheSameDigest() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false)) {
            Path project = Files.createDirectories(dir.resolve("project"));
            StringBuilder csv = new StringBuilder("a,b,y\n");
            for (int i = 0; i < 40; i++) {
                csv.append(i).append(',').append(i % 3 == 0 ? "x" : "z").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
            }
            Files.writeString(project.resolve("data.csv"), csv);
            Files.writeString(project.resolve("mlship.yaml"), """
                    name: pushed
                    data: {path: data.csv, label: y}
                    model: {task: classification, algorithm: logistic}
                    evaluate: {folds: 2, bootstrap: 20}
                    package: {image: %s/acme/pushed, tags: [latest]}
                    """.formatted(registry.host()));
            Path out = dir.resolve("out");

            Cli run = Cli.run("run", project.toString(), "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode image = new ObjectMapper().readTree(out.resolve("image.json").toFile());
            assertThat(image.get("pushed").asBoolean()).isTrue();
            assertThat(out.resolve("image.tar")).doesNotExist();
            String tag = image.get("reference").asText().replaceFirst(".*:", "");
            assertThat(tag).matches("sha-[0-9a-f]{40}|local-[0-9a-f]{12}");
            assertThat(image.get("tags").toString()).contains(tag, "latest");
            assertThat(manifestDigest(registry, tag)).isEqualTo(image.get("digest").asText());
            // The labels record the library versions that reproduce the model, as the model card lists them.
            JsonNode labels = imageConfig(registry, tag).at("/config/Labels");
            JsonNode libraries = new ObjectMapper().readTree(out.resolve("model-card.json").toFile()).get("libraries");
            assertThat(libraries.get("onnxruntime").asText()).isEqualTo("1.23.2");
            assertThat(new ObjectMapper().readTree(labels.get("dev.mlship.libraries").asText())).isEqualTo(libraries);

            Cli again = Cli.run("package", project.toString(), "--out", out.toString());
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains(image.get("digest").asText());
            assertThat(out.resolve("metrics.json")).exists();

            String digest = image.get("digest").asText();
            Cli promote = Cli.run("promote", project.toString(), "--out", out.toString());
            assertThat(promote.exitCode()).as(promote.err()).isZero();
            assertThat(promote.out()).contains("production: (none) -> " + digest);
            assertThat(manifestDigest(registry, "production")).isEqualTo(digest);
            assertThat(Cli.run("promote", project.toString(), "--out", out.toString()).out()).contains("unchanged");
            assertThat(new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).at("/baseline/first_model")
                    .asBoolean()).isTrue();

            // The next run pulls the deployed model from the registry and scores it on the same rows.
            Path next = dir.resolve("next");
            Cli rerun = Cli.run("run", project.toString(), "--out", next.toString());
            assertThat(rerun.exitCode()).as(rerun.err()).isZero();
            JsonNode baseline = new ObjectMapper().readTree(next.resolve("metrics.json").toFile()).get("baseline");
            assertThat(baseline.get("reference").asText()).endsWith("/acme/pushed:production");
            assertThat(baseline.get("digest").asText()).isEqualTo(digest);
            // ONNX Runtime scored the baseline, Smile the candidate: equal up to rounding of the scores.
            assertThat(baseline.at("/diff/auc/value").asDouble()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(baseline.at("/recorded/auc").isNumber()).isTrue();

            Cli rollback = Cli.run("rollback", project.toString());
            assertThat(rollback.exitCode()).as("not a registry error: the registry answered").isEqualTo(6);
            assertThat(rollback.oneLineError()).isTrue();
            assertThat(rollback.err()).contains("nothing to roll back to");
        }
    }

    @Test
    void packageWithoutARunSaysWhatIsMissing() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model: {task: classification, algorithm: logistic}
                """);
        Cli r = Cli.run("package", dir.toString(), "--out", dir.resolve("nothing").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.oneLineError()).isTrue();
        assertThat(r.err()).contains("model.onnx", "mlship run");
    }

    private static JsonNode imageConfig(LocalRegistry registry, String tag) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://" + registry.host() + "/v2/acme/pushed/";
        HttpResponse<String> manifest = http.send(HttpRequest.newBuilder(URI.create(base + "manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(), HttpResponse.BodyHandlers.ofString());
        String config = new ObjectMapper().readTree(manifest.body()).at("/config/digest").asText();
        HttpResponse<String> blob = http.send(HttpRequest.newBuilder(URI.create(base + "blobs/" + config)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(blob.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(blob.body());
    }

    private static String manifestDigest(LocalRegistry registry, String tag) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/acme/pushed/manifests/" + tag))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
