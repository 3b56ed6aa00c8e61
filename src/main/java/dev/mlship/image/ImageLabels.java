package dev.mlship.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.Version;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of a model image: the OCI {@code org.opencontainers.image.*} keys (created is the epoch,
 * so rebuilding gives the same digest) and {@code dev.mlship.*} keys that promotion and reviews read
 * without pulling the model: metrics, gate verdict, data and schema digests, versions.
 */
public final class ImageLabels {
    public static final String GATES = "dev.mlship.gates";
    public static final String METRICS = "dev.mlship.metrics";
    public static final String DATA_SHA256 = "dev.mlship.data.sha256";

    private ImageLabels() {}

    /**
     * @param metrics the parsed metrics.json of the run
     * @param libraries the model card's "libraries" (versions, and the OpenBLAS kernels where they decide the model)
     * @param source the repository URL when known (CI sets it), else null
     */
    public static Map<String, String> of(String name, String tag, JsonNode metrics, JsonNode libraries, String schemaSha256,
            String modelSha256, String gitCommit, String source) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", name);
        labels.put("org.opencontainers.image.version", tag);
        labels.put("org.opencontainers.image.created", "1970-01-01T00:00:00Z");
        if (gitCommit != null) {
            labels.put("org.opencontainers.image.revision", gitCommit);
        }
        if (source != null) {
            labels.put("org.opencontainers.image.source", source);
        }
        labels.put("dev.mlship.name", name);
        labels.put("dev.mlship.task", metrics.path("task").asText());
        labels.put("dev.mlship.primary", metrics.path("primary").asText());
        labels.put(METRICS, summary(metrics.path("metrics")));
        labels.put(GATES, metrics.path("passed").asBoolean() ? "passed" : "failed");
        labels.put(DATA_SHA256, metrics.at("/dataset/sha256").asText());
        labels.put("dev.mlship.schema.sha256", schemaSha256);
        labels.put("dev.mlship.model.sha256", modelSha256);
        labels.put("dev.mlship.version", Version.MLSHIP);
        if (libraries != null && libraries.isObject()) {
            labels.put("dev.mlship.libraries", libraries.toString());
        }
        return labels;
    }

    /** {"auc":0.8544,...}: each test metric's value from metrics.json's "metrics", compact. */
    public static String summary(JsonNode metrics) {
        StringBuilder sb = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            sb.append(sb.length() > 1 ? "," : "").append('"').append(m.getKey()).append("\":")
                    .append(m.getValue().path("value").isNumber() ? m.getValue().path("value").asText() : "null");
        }
        return sb.append('}').toString();
    }

    /** The repository URL as the CI names it: GitHub's server and repository, or GitLab's project URL. */
    public static String source(Map<String, String> env) {
        if (env.get("GITHUB_REPOSITORY") != null) {
            return env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY");
        }
        return env.get("CI_PROJECT_URL");
    }
}
