package dev.mlship.ci;

import dev.mlship.config.ConfigException;
import java.util.Locale;
import java.util.Map;

/**
 * The job's inputs: a GitHub action's {@code INPUT_<NAME>} variables, else {@code MLSHIP_<NAME>} (the
 * GitLab template's and any other CI's variables). Blank means unset, as GitHub passes unset inputs.
 */
public record CiInputs(
        String config,
        Mode mode,
        String image,
        String registryUsername,
        String registryPassword,
        String githubToken,
        String gitlabToken,
        boolean comment,
        boolean failOnGate,
        String productionTag,
        String workingDirectory) {

    public static CiInputs from(Map<String, String> env) {
        return new CiInputs(
                text(env, "config"),
                Mode.parse(text(env, "mode"), source(env, "mode")),
                text(env, "image"),
                text(env, "registry_username"),
                text(env, "registry_password"),
                text(env, "github_token"),
                text(env, "gitlab_token"),
                flag(env, "comment", true),
                flag(env, "fail_on_gate", true),
                text(env, "production_tag"),
                text(env, "working_directory"));
    }

    private static String text(Map<String, String> env, String name) {
        String value = env.get("INPUT_" + name.toUpperCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            value = env.get("MLSHIP_" + name.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean flag(Map<String, String> env, String name, boolean otherwise) {
        String value = text(env, name);
        if (value == null) {
            return otherwise;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(source(env, name) + ": '" + value + "' is not a boolean; use true or false");
        };
    }

    /** Where an input came from, to name it in an error. */
    private static String source(Map<String, String> env, String name) {
        String input = "INPUT_" + name.toUpperCase(Locale.ROOT);
        return env.get(input) != null && !env.get(input).isBlank() ? "input " + name + " (" + input + ")"
                : "variable MLSHIP_" + name.toUpperCase(Locale.ROOT);
    }
}
