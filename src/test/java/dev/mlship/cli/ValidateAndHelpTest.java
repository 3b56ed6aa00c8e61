package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndHelpTest {
    @TempDir
    Path dir;

    @Test
    void validateListsEveryProblemWithItsLine() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y, split: {test: 1.5}}
                model: {task: classification, algorithm: linear}
                """);
        Cli r = Cli.run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err()).contains("line 2", "data.split.test", "line 3", "model.algorithm");
    }

    @Test
    void validateAcceptsAGoodConfig() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model: {task: regression, algorithm: ridge}
                evaluate: {gates: {rmse: {max: 3, max_drop: 0.1}}}
                """);
        Cli r = Cli.run("validate", dir.resolve("mlship.yaml").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mlship.yaml: valid (regression, ridge)");
    }

    @Test
    void validateShowsAutosBudgetAndRefusesABadOneWithItsLine() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model: {task: classification, algorithm: auto, auto: {trials: 20, max_seconds: 300}}
                """);
        Cli good = Cli.run("validate", dir.resolve("mlship.yaml").toString());
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).contains("mlship.yaml: valid (classification, auto: 20 trials, at most 300.0 s)");

        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model:
                  task: classification
                  algorithm: auto
                  auto: {trials: 0}
                """);
        Cli bad = Cli.run("validate", dir.resolve("mlship.yaml").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.oneLineError()).as(bad.err()).isTrue();
        assertThat(bad.err()).contains("mlship.yaml line 6, model.auto.trials: must be an integer from 1 to 1000");
    }

    @Test
    void randomSearchRangesAreCheckedWithTheirLines() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model:
                  task: classification
                  algorithm: gradient_boosting
                  search:
                    method: random
                    trials: 5
                    space:
                      shrinkage: {min: 0, max: 0.5, log: true}
                      max_depth: {min: 6, max: 3}
                      split_rule: {min: 1, max: 2}
                """);
        Cli r = Cli.run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 10, model.search.space.shrinkage", "line 11, model.search.space.max_depth: min must be below max");
        assertThat(r.err()).contains("model.search.space.split_rule");

        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model: {task: classification, algorithm: logistic, search: {space: {lambda: {min: 0.1, max: 1}}}}
                """);
        assertThat(Cli.run("validate", dir.toString()).err()).contains("a range is for method: random");
    }

    @Test
    void svmForRegressionAndBadMlpParamsExitTwoWithTheirLines() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model:
                  task: regression
                  algorithm: svm
                """);
        Cli r = Cli.run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).endsWith("line 5, model.algorithm: svm does not do regression; algorithms for regression:"
                + " linear, ridge, lasso, elastic_net, decision_tree, random_forest, gradient_boosting, mlp, xgboost, auto");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");

        Files.writeString(dir.resolve("mlship.yaml"), """
                name: t
                data: {path: d.csv, label: y}
                model:
                  task: classification
                  algorithm: mlp
                  params:
                    hidden_layers: 64
                    epochs: 0
                """);
        r = Cli.run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 7, model.params.hidden_layers: must be a list of integers >= 1, such as [64, 32], got 64",
                "line 8, model.params.epochs: must be an integer >= 1, got 0");
    }

    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("run", "validate", "--version");
    }

    @Test
    void everyExitCodeIsInTheHelpAndTheReadme() throws Exception {
        String help = Cli.run("--help").out();
        String readme = Files.readString(Path.of("README.md"));
        for (dev.mlship.ExitCode code : dev.mlship.ExitCode.values()) {
            assertThat(help).as(code.name()).containsPattern("(?m)^\\s+" + code.code() + "\\s+\\S");
            assertThat(readme).as(code.name()).contains("**" + code.code() + "**");
        }
        assertThat(Cli.run("rollback", "--help").out()).contains("Exit codes:", "nothing to roll back to");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli r = Cli.run("run", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.oneLineError()).isTrue();
        assertThat(r.err()).contains("--frobnicate");
    }
}
