package dev.mlship.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes mlship.yaml files for tests and reads back what loading them says. */
final class ConfigFixture {
    /** The smallest valid config; tests append sections or replace lines. */
    static final String MINIMAL = """
            name: credit-risk
            data:
              path: data/credit.csv
              label: default
            model:
              task: classification
              algorithm: random_forest
            """;

    private ConfigFixture() {}

    static Path write(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("mlship.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Settings load(Path dir, String yaml) {
        return SpecLoader.load(write(dir, yaml));
    }

    /** The message of the ConfigException that loading this text throws (fails if it loads). */
    static String error(Path dir, String yaml) {
        Path file = write(dir, yaml);
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> SpecLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> thrown[0] = (ConfigException) e);
        return thrown[0].getMessage();
    }

    /** The 1-based line of the first line of {@code yaml} that contains {@code needle}. */
    static int lineOf(String yaml, String needle) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + needle);
    }

    /** "mlship.yaml line N" for the line holding needle. */
    static String at(String yaml, String needle) {
        return "mlship.yaml line " + lineOf(yaml, needle);
    }

    static String fullExample() {
        try (InputStream in = ConfigFixture.class.getResourceAsStream("full-mlship.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
