package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `package` builds an image only from the outputs of a run of the same config, unless --force. */
class PackageProvenanceTest {
    @TempDir
    static Path dir;

    static Path first;
    static Path firstOut;

    @BeforeAll
    static void runFirst() throws Exception {
        first = project("first", "y");
        firstOut = dir.resolve("first-out");
        Cli run = Cli.run("run", first.toString(), "--out", firstOut.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static Path project(String name, String label) throws Exception {
        Path p = Files.createDirectories(dir.resolve(name));
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 3 == 0 ? "x" : "z").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(p.resolve("data.csv"), csv);
        Files.writeString(p.resolve("mlship.yaml"), """
                name: %s
                data: {path: data.csv, label: %s}
                model: {task: classification, algorithm: logistic}
                evaluate: {folds: 2, bootstrap: 20}
                """.formatted(name, label));
        return p;
    }

    @Test
    void anotherConfigsOutputsAreRefusedWithExit2UnlessForced() throws Exception {
        Path other = project("other", "y");
        Cli refused = Cli.run("package", other.toString(), "--out", firstOut.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.oneLineError()).as(refused.err()).isTrue();
        assertThat(refused.err()).contains(firstOut.resolve("model-card.json") + " is not from a run of",
                "its name is 'first', the config's is 'other'", "--force");
        assertThat(firstOut.resolve("image.json")).content().contains("first:");

        Cli forced = Cli.run("package", other.toString(), "--out", firstOut.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("\nother:sha-");
    }

    @Test
    void changedDataOrLabelIsRefused() throws Exception {
        Path sameName = Files.createDirectories(dir.resolve("same-name"));
        Files.writeString(sameName.resolve("data.csv"), Files.readString(first.resolve("data.csv")) + "99,x,yes\n");
        Files.writeString(sameName.resolve("mlship.yaml"), Files.readString(first.resolve("mlship.yaml")));
        Cli data = Cli.run("package", sameName.toString(), "--out", firstOut.toString());
        assertThat(data.exitCode()).isEqualTo(2);
        assertThat(data.oneLineError()).as(data.err()).isTrue();
        assertThat(data.err()).contains("it was trained on data with sha256 ", "now has");

        Files.writeString(sameName.resolve("data.csv"), Files.readString(first.resolve("data.csv")).replace("a,b,y", "y,b,a"));
        Files.writeString(sameName.resolve("mlship.yaml"), Files.readString(first.resolve("mlship.yaml")).replace("label: y", "label: a"));
        Cli label = Cli.run("package", sameName.toString(), "--out", firstOut.toString());
        assertThat(label.exitCode()).isEqualTo(2);
        assertThat(label.err()).contains("its label is 'y', the config's data.label is 'a'");
    }

    @Test
    void theSameConfigsOutputsArePackaged() {
        Cli again = Cli.run("package", first.toString(), "--out", firstOut.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("\nfirst:sha-");
    }
}
