package dev.mlship.ci.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The CI/CD component's inputs reach `mlship ci` as the MLSHIP_* variables it reads, the older template
 * (configured by variables) runs the same jobs, and a variable set in the project wins over an input. The
 * job's script runs in a real /bin/sh with `mlship ci` replaced by printing the environment.
 */
class GitLabComponentTest {
    @Test
    void defaultsGiveTheJobsOfTheOlderTemplate() throws IOException {
        JsonNode jobs = GitLabComponent.expand(Map.of());
        assertThat(jobs.at("/.mlship/image/name").asText()).isEqualTo("ghcr.io/mlship/mlship:0.1.0-jvm");
        assertThat(jobs.at("/mlship-evaluate/stage").asText()).isEqualTo("test");
        assertThat(jobs.at("/mlship-promote/stage").asText()).isEqualTo("deploy");
        assertThat(jobs.at("/.mlship/artifacts/paths/0").asText()).isEqualTo("./mlship-out/");
        Map<String, String> env = run(jobs, "mlship-evaluate", Map.of());
        assertThat(env).containsEntry("MLSHIP_CONFIG", "mlship.yaml").containsEntry("MLSHIP_WORKING_DIRECTORY", ".")
                .containsEntry("MLSHIP_COMMENT", "true").containsEntry("MLSHIP_FAIL_ON_GATE", "true")
                .containsEntry("MLSHIP_IMAGE", "").containsEntry("MLSHIP_PRODUCTION_TAG", "")
                .containsEntry("MLSHIP_MODE", "evaluate");
    }

    @Test
    void inputsBecomeTheVariablesMlshipReads() throws IOException {
        Map<String, String> inputs = Map.of("config", "models/mlship.yaml", "working_directory", "models", "image",
                "registry.example.com/acme/churn", "production_tag", "live", "comment", "false", "fail_on_gate", "false",
                "version", "1.2.3", "evaluate_stage", "review", "promote_stage", "ship");
        JsonNode jobs = GitLabComponent.expand(inputs);
        assertThat(jobs.at("/.mlship/image/name").asText()).isEqualTo("ghcr.io/mlship/mlship:1.2.3-jvm");
        assertThat(jobs.at("/mlship-evaluate/stage").asText()).isEqualTo("review");
        assertThat(jobs.at("/mlship-promote/stage").asText()).isEqualTo("ship");
        assertThat(jobs.at("/.mlship/artifacts/paths/0").asText()).isEqualTo("models/mlship-out/");
        Map<String, String> env = run(jobs, "mlship-promote", Map.of());
        assertThat(env).containsEntry("MLSHIP_CONFIG", "models/mlship.yaml").containsEntry("MLSHIP_WORKING_DIRECTORY", "models")
                .containsEntry("MLSHIP_IMAGE", "registry.example.com/acme/churn").containsEntry("MLSHIP_PRODUCTION_TAG", "live")
                .containsEntry("MLSHIP_COMMENT", "false").containsEntry("MLSHIP_FAIL_ON_GATE", "false")
                .containsEntry("MLSHIP_MODE", "promote");
    }

    @Test
    void theOlderTemplateIncludesTheComponentAndItsVariablesWin() throws IOException {
        JsonNode legacy = new YAMLMapper().readTree(Path.of(".gitlab-ci-template.yml").toFile());
        assertThat(legacy.at("/include/0/remote").asText())
                .isEqualTo("https://raw.githubusercontent.com/mlship/mlship/v0.1.0/templates/mlship.yml");
        JsonNode jobs = GitLabComponent.expand(GitLabComponent.legacyInputs());
        // GitLab expands the image and artifact paths from the template's variables when the job runs.
        assertThat(jobs.at("/.mlship/image/name").asText()).isEqualTo("ghcr.io/mlship/mlship:${MLSHIP_VERSION}-jvm");
        assertThat(jobs.at("/.mlship/artifacts/paths/0").asText()).isEqualTo("${MLSHIP_WORKING_DIRECTORY}/mlship-out/");
        Map<String, String> globals = new LinkedHashMap<>();
        legacy.path("variables").properties().forEach(e -> globals.put(e.getKey(), e.getValue().asText()));
        globals.put("MLSHIP_CONFIG", "ml/pipeline.yaml"); // what a user of the older template sets
        globals.put("MLSHIP_COMMENT", "false");
        Map<String, String> env = run(jobs, "mlship-evaluate", globals);
        assertThat(env).containsEntry("MLSHIP_CONFIG", "ml/pipeline.yaml").containsEntry("MLSHIP_COMMENT", "false")
                .containsEntry("MLSHIP_FAIL_ON_GATE", "true").containsEntry("MLSHIP_MODE", "evaluate");
    }

    @Test
    void inputsAreCheckedAsGitLabChecksThem() {
        assertThatThrownBy(() -> GitLabComponent.expand(Map.of("comment", "maybe")))
                .hasMessage("`comment` input: provided value is not a boolean");
        assertThatThrownBy(() -> GitLabComponent.expand(Map.of("configg", "x"))).hasMessage("unknown input: configg");
    }

    /** The job's script in /bin/sh with the job's and the project's variables; returns the MLSHIP_* it exports. */
    private static Map<String, String> run(JsonNode jobs, String job, Map<String, String> projectVariables) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(projectVariables);
        jobs.at("/.mlship/variables").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        jobs.at("/" + job + "/variables").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        List<String> script = new ArrayList<>();
        JsonNode lines = jobs.at("/" + job + "/script").isMissingNode() ? jobs.at("/.mlship/script") : jobs.at("/" + job + "/script");
        lines.forEach(l -> script.add(l.asText().equals("mlship ci") ? "env | grep '^MLSHIP_' | grep -v '^MLSHIP_INPUT_'" : l.asText()));
        assertThat(script).as("the job runs mlship ci last").last().asString().startsWith("env |");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "set -e\n" + String.join("\n", script));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> exported = new TreeMap<>();
        out.lines().forEach(l -> exported.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return exported;
    }
}
