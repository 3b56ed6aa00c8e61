package dev.mlship.ci.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * templates/mlship.yml expanded as GitLab expands a component's {@code spec: inputs}: every
 * {@code $[[ inputs.NAME ]]} becomes the given value or the input's default; an input that is not declared,
 * a required one left out, or a boolean input given anything but true/false is an error, as in GitLab.
 */
public final class GitLabComponent {
    public static final Path FILE = Path.of("templates/mlship.yml");
    private static final Pattern INPUT = Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*]]");

    private GitLabComponent() {}

    /** The jobs, with these inputs. */
    public static JsonNode expand(Map<String, String> inputs) throws IOException {
        String text = Files.readString(FILE);
        int split = text.indexOf("\n---\n");
        JsonNode spec = new YAMLMapper().readTree(text.substring(0, split)).at("/spec/inputs");
        Map<String, String> values = new LinkedHashMap<>();
        for (String given : inputs.keySet()) {
            if (!spec.has(given)) {
                throw new IllegalArgumentException("unknown input: " + given);
            }
        }
        spec.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode declared = e.getValue();
            String value = inputs.containsKey(name) ? inputs.get(name)
                    : declared.has("default") ? declared.get("default").asText() : null;
            if (value == null) {
                throw new IllegalArgumentException("`" + name + "` input: required value has not been provided");
            }
            if ("boolean".equals(declared.path("type").asText()) && !value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("`" + name + "` input: provided value is not a boolean");
            }
            values.put(name, value);
        });
        Matcher m = INPUT.matcher(text.substring(split + 5));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown interpolation key: inputs." + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(name)));
        }
        m.appendTail(out);
        return new YAMLMapper().readTree(out.toString());
    }

    /** The inputs .gitlab-ci-template.yml gives the component it includes. */
    public static Map<String, String> legacyInputs() throws IOException {
        JsonNode legacy = new YAMLMapper().readTree(Path.of(".gitlab-ci-template.yml").toFile());
        Map<String, String> inputs = new LinkedHashMap<>();
        legacy.at("/include/0/inputs").properties().forEach(e -> inputs.put(e.getKey(), e.getValue().asText()));
        return inputs;
    }
}
