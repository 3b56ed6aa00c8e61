package dev.mlship.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.Hashes;
import dev.mlship.config.PackageSpec;
import dev.mlship.config.Settings;
import dev.mlship.image.BuiltImage;
import dev.mlship.image.CandidateTag;
import dev.mlship.image.ImageContent;
import dev.mlship.image.ImageLabels;
import dev.mlship.image.ImageTarget;
import dev.mlship.image.ModelImageBuilder;
import dev.mlship.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packages a run's outputs as an image: pushed to {@code package.image} with the candidate tag and the
 * extra tags, or, with no registry configured, written as image.tar (the offline default). Runs before
 * the outputs are written, so image.json can record the digest and a failed push writes nothing.
 */
public final class PackageStage {
    /** A built image; {@code tar} is a staged file to move into the outputs as image.tar, or null. */
    public record Packaged(BuiltImage image, byte[] imageJson, Path tar) {}

    private PackageStage() {}

    /**
     * @param files the run's output files by name (model.onnx, metrics.json, schema.json, model-card.json,
     *     statistics.json)
     * @param push push to package.image when it is set; false builds a tar regardless
     * @param outDir the output folder; a tar is staged beside it
     */
    public static Packaged run(Settings settings, Map<String, byte[]> files, String gitCommit, boolean push,
            Map<String, String> env, Path outDir, StageLog log) {
        PackageSpec spec = settings.spec().packaging() != null ? settings.spec().packaging()
                : new PackageSpec(null, null, null, null);
        String name = settings.spec().name();
        byte[] onnx = files.get("model.onnx");
        String modelSha = Hashes.sha256(onnx);
        String tag = CandidateTag.of(gitCommit, modelSha);
        JsonNode metrics = read(files.get("metrics.json"));
        JsonNode libraries = read(files.get("model-card.json")).get("libraries");
        Map<String, String> labels = ImageLabels.of(name, tag, metrics, libraries, Hashes.sha256(files.get("schema.json")), modelSha,
                gitCommit,
                ImageLabels.source(env));
        ImageContent content = new ImageContent(name, onnx, reproducibleCard(files.get("model-card.json")),
                files.get("statistics.json"), labels, spec.baseImage());

        Path absoluteOut = outDir.toAbsolutePath().normalize();
        Path tar = null;
        ImageTarget target;
        if (spec.image() == null || !push) {
            tar = absoluteOut.resolveSibling("." + absoluteOut.getFileName() + ".image-" + ProcessHandle.current().pid() + ".tar");
            target = new ImageTarget.Tar(tar, name + ":" + tag);
            Cancellation.temporary(tar);
        } else {
            List<String> tags = new ArrayList<>(List.of(tag));
            spec.tags().stream().filter(t -> !t.equals(tag)).forEach(tags::add);
            target = new ImageTarget.Registry(spec.image(), tags, spec.insecure());
        }
        BuiltImage image;
        try {
            image = new ModelImageBuilder(env, cacheDir(env), log::info).build(content, target);
        } catch (RuntimeException e) {
            if (tar != null) {
                tar.toFile().delete(); // a half-written tar must not linger beside the outputs
            }
            throw e;
        }
        log.info((tar == null ? "pushed " : "built image.tar ") + image.reference() + " " + image.digest());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", image.reference());
        json.put("digest", image.digest());
        json.put("tags", image.tags());
        json.put("pushed", tar == null);
        json.put("tar", tar == null ? null : "image.tar");
        json.put("base_image", spec.baseImage());
        json.put("model_path", content.modelPath());
        return new Packaged(image, Json.bytes(json), tar);
    }

    /**
     * The card that goes into the image leaves out the stage timings, which differ on every run, and what
     * was measured against the baseline (drifted features, the baseline's importances), which depends on the
     * model in production when the image was built: the same model must give the same image digest.
     */
    static byte[] reproducibleCard(byte[] card) {
        JsonNode node = read(card);
        if (node instanceof ObjectNode o) {
            o.remove("timings_ms");
            if (o.get("behaviour") instanceof ObjectNode behaviour) {
                behaviour.remove("drifted");
                for (JsonNode feature : behaviour.path("importance")) {
                    if (feature instanceof ObjectNode f) {
                        f.remove("baseline");
                    }
                }
            }
        }
        return Json.bytes(node);
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path cacheDir(Map<String, String> env) {
        String configured = env.get("MLSHIP_CACHE_DIR");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "mlship-cache", "jib");
    }
}
