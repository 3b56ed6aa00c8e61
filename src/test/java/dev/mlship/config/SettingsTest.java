package dev.mlship.config;

import static dev.mlship.config.ConfigFixture.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void errorNamesTheLineOfTheKey() {
        String yaml = MINIMAL.replace("  label: default\n", "  label: default\n  features:\n    - age\n    - incme\n");
        Settings settings = ConfigFixture.load(dir, yaml);

        ConfigException e = settings.error("data.features[1]", "column 'incme' is not in data/credit.csv");

        assertThat(e.getMessage()).isEqualTo(settings.configFile() + " line " + ConfigFixture.lineOf(yaml, "- incme")
                + ", data.features[1]: column 'incme' is not in data/credit.csv");
        assertThat(e.exitCode()).isEqualTo(dev.mlship.ExitCode.USAGE);
        assertThat(settings.where("model.algorithm")).isEqualTo(settings.configFile() + " line "
                + ConfigFixture.lineOf(yaml, "algorithm:") + ", model.algorithm");
    }

    @Test
    void keysThatWereNotWrittenPointAtTheirClosestWrittenParent() {
        Settings settings = ConfigFixture.load(dir, MINIMAL);

        assertThat(settings.where("model.params.trees")).endsWith("mlship.yaml line " + ConfigFixture.lineOf(MINIMAL, "model:")
                + ", model.params.trees");
        assertThat(settings.where("data.types.zip")).endsWith("mlship.yaml line " + ConfigFixture.lineOf(MINIMAL, "data:")
                + ", data.types.zip");
        assertThat(settings.where("evaluate")).endsWith("mlship.yaml line 1, evaluate");
    }

    @Test
    void quotedKeysAreIndexedToo() {
        String yaml = MINIMAL.replace("  label: default\n", "  label: default\n  types:\n    \"unit price\": numeric\n");
        Settings settings = ConfigFixture.load(dir, yaml);
        String keyPath = KeyPath.child("data.types", "unit price");

        assertThat(keyPath).isEqualTo("data.types[\"unit price\"]");
        assertThat(settings.locations().line(keyPath)).hasValue(ConfigFixture.lineOf(yaml, "unit price"));
        String bad = yaml.replace("\"unit price\": numeric", "\"unit price\": money");
        assertThat(ConfigFixture.error(dir, bad)).endsWith("mlship.yaml line " + ConfigFixture.lineOf(bad, "unit price")
                + ", data.types[\"unit price\"]: unknown column type \"money\"; allowed: numeric, categorical, boolean");
    }

    @Test
    void settingsBuiltInCodeHaveNoLines() {
        PipelineSpec spec = ConfigFixture.load(dir, MINIMAL).spec();
        Settings settings = new Settings(Path.of("mlship.yaml"), spec);

        assertThat(settings.error("model.task", "bad").getMessage()).isEqualTo("mlship.yaml, model.task: bad");
        assertThat(settings.dataPath()).isEqualTo(Path.of("data/credit.csv"));
        assertThat(settings.locations()).isEqualTo(LocationIndex.EMPTY);
    }

    @Test
    void dataPathResolution() {
        PipelineSpec spec = ConfigFixture.load(dir, MINIMAL).spec();

        assertThat(new Settings(Path.of("examples/credit/mlship.yaml"), spec).dataPath())
                .isEqualTo(Path.of("examples/credit/data/credit.csv"));
        PipelineSpec absolute = ConfigFixture.load(dir, MINIMAL.replace("data/credit.csv", "/srv/data/credit.csv")).spec();
        assertThat(new Settings(Path.of("examples/credit/mlship.yaml"), absolute).dataPath())
                .isEqualTo(Path.of("/srv/data/credit.csv"));
    }

    @Test
    void loadingTheSameFileTwiceGivesEqualSettings() {
        Path file = ConfigFixture.write(dir, MINIMAL);

        assertThat(SpecLoader.load(file)).isEqualTo(SpecLoader.load(file));
    }

    @Test
    void keyPathParents() {
        assertThat(KeyPath.parent("model.params.max_depth")).isEqualTo("model.params");
        assertThat(KeyPath.parent("data.features[3]")).isEqualTo("data.features");
        assertThat(KeyPath.parent("data.types[\"a.b [x]\"]")).isEqualTo("data.types");
        assertThat(KeyPath.parent("name")).isEmpty();
        assertThat(KeyPath.parent("")).isEmpty();
        assertThat(KeyPath.child("", "name")).isEqualTo("name");
        assertThat(KeyPath.child("data.types", "say \"hi\"")).isEqualTo("data.types[\"say \\\"hi\\\"\"]");
        assertThat(KeyPath.parent(KeyPath.child("data.types", "say \"hi\""))).isEqualTo("data.types");
        assertThat(KeyPath.element("model.search.space.max_depth", 1)).isEqualTo("model.search.space.max_depth[1]");
    }
}
