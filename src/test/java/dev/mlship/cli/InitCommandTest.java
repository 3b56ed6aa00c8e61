package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `mlship init` on an example's data writes files that `mlship run` accepts as they are. */
class InitCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "credit-risk, data/credit.csv, Status, '', classification, auc",
        "penguins, data/penguins.csv, species, '', classification, f1_macro",
        "cpu-performance, data/cpu.csv, performance, '', regression, rmse",
        "credit-parquet, data/credit.parquet, Status, classification, classification, auc"})
    void initThenRunExitsZero(String example, String data, String label, String task, String expectedTask, String primary)
            throws IOException {
        Path project = dir.resolve(example);
        Files.createDirectories(project.resolve("data"));
        Path source = example.equals("credit-parquet") ? Path.of("src/test/resources/parquet/credit.parquet")
                : Path.of("examples", example, data);
        Files.copy(source, project.resolve(data));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/config"), "[remote \"origin\"]\n\turl = git@github.com:Acme/models.git\n");

        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("init", "--dir", project.toString()));
        if (!label.isEmpty()) {
            args.add("--label");
            args.add(label);
        }
        if (!task.isEmpty()) {
            args.add("--task");
            args.add(task);
        }
        Cli init = Cli.run(args.toArray(String[]::new));
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("wrote " + project.resolve("mlship.yaml"), "(" + expectedTask + ")");

        String yaml = Files.readString(project.resolve("mlship.yaml"));
        assertThat(yaml).contains("  path: " + data + "\n", "  task: " + expectedTask, "  primary: " + primary + "\n");
        assertThat(SpecLoader.problems(project)).isEmpty();
        String name = example;
        assertThat(Files.readString(project.resolve(".github/workflows/mlship.yml")))
                .contains("uses: mlship/mlship@v", "image: ghcr.io/acme/" + name + "\n");
        assertThat(Files.readString(project.resolve(".gitlab-ci.yml")))
                .contains("- component: $CI_SERVER_FQDN/mlship/mlship/mlship@", "config: mlship.yaml");

        Cli run = Cli.run("run", project.toString(), "--out", project.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(project.resolve("out/model.onnx")).isNotEmptyFile();
    }

    @Test
    void aCsvWithNoObviousLabelAsksForOneInOneLine() throws IOException {
        Files.writeString(dir.resolve("data.csv"), "a,b,c\n1,x,2.5\n2,y,3.5\n");
        Cli init = Cli.run("init", "--dir", dir.toString());
        assertThat(init.exitCode()).isEqualTo(2);
        assertThat(init.oneLineError()).as(init.err()).isTrue();
        assertThat(init.err().strip()).isEqualTo("mlship: data.csv: cannot tell which column to predict (columns: a, b, c);"
                + " name it with --label COLUMN");
        assertThat(dir.resolve("mlship.yaml")).doesNotExist();
    }

    @Test
    void existingFilesAreKeptUnlessForced() throws IOException {
        Files.writeString(dir.resolve("data.csv"), "x,target\n1,a\n2,b\n3,a\n4,b\n");
        Files.writeString(dir.resolve(".gitlab-ci.yml"), "mine\n");
        Cli refused = Cli.run("init", "--dir", dir.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("mlship: " + dir.resolve(".gitlab-ci.yml")
                + " already exists; move it away or add --force to overwrite");
        assertThat(dir.resolve("mlship.yaml")).doesNotExist();
        assertThat(Files.readString(dir.resolve(".gitlab-ci.yml"))).isEqualTo("mine\n");

        Cli forced = Cli.run("init", "--dir", dir.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(dir.resolve("mlship.yaml"))).contains("  label: target\n", "  task: classification");
        assertThat(Files.readString(dir.resolve(".gitlab-ci.yml"))).contains("component:");
        assertThat(Files.readString(dir.resolve(".github/workflows/mlship.yml")))
                .contains("image: ghcr.io/your-github-owner/");
    }

    @Test
    void anIdentifierColumnIsLeftOutOfTheFeatures() throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,x,churn\n");
        for (int i = 0; i < 60; i++) {
            csv.append("c").append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        Cli ok = Cli.run("init", dir.resolve("data.csv").toString(), "--dir", dir.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        String yaml = Files.readString(dir.resolve("mlship.yaml"));
        assertThat(yaml).contains("  features: [x]\n", "customer_id: categorical (60 values)  <- left out: an identifier");
    }
}
