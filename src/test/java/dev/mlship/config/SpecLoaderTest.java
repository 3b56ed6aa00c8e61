package dev.mlship.config;

import static dev.mlship.config.ConfigFixture.MINIMAL;
import static dev.mlship.config.ConfigFixture.at;
import static dev.mlship.config.ConfigFixture.error;
import static dev.mlship.config.ConfigFixture.load;
import static dev.mlship.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.ExitCode;
import dev.mlship.config.EvaluateSpec.GateSpec;
import dev.mlship.config.ModelSpec.SearchSpec;
import dev.mlship.config.PrepareSpec.Encoding;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.PrepareSpec.Strategy;
import dev.mlship.data.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsEveryKeyOfTheFullExample() {
        Settings settings = load(dir, ConfigFixture.fullExample());
        PipelineSpec spec = settings.spec();

        assertThat(spec.name()).isEqualTo("credit-risk");
        DataSpec data = spec.data();
        assertThat(data.path()).isEqualTo("data/credit.csv");
        assertThat(data.label()).isEqualTo("default");
        assertThat(data.features()).containsExactly("age", "income", "purpose", "owns_home", "2020");
        assertThat(data.split()).isEqualTo(new SplitSpec(0.25, 7L, true));
        assertThat(data.delimiter()).isEqualTo("\t");
        assertThat(data.missing()).containsExactly("", "NA", "-999");
        assertThat(data.types()).containsOnly(
                Map.entry("purpose", ColumnType.CATEGORICAL),
                Map.entry("age", ColumnType.NUMERIC),
                Map.entry("owns_home", ColumnType.BOOLEAN));

        PrepareSpec prepare = spec.prepare();
        assertThat(prepare.impute()).isEqualTo(
                new PrepareSpec.ImputeSpec(Strategy.CONSTANT, Strategy.CONSTANT, 0.0, "unknown"));
        assertThat(prepare.encode()).isEqualTo(Encoding.ONEHOT);
        assertThat(prepare.scale()).isEqualTo(Scaling.MINMAX);
        assertThat(prepare.maxCategories()).isEqualTo(20);

        ModelSpec model = spec.model();
        assertThat(model.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(model.algorithm()).isEqualTo(AlgorithmName.GRADIENT_BOOSTING);
        assertThat(model.params()).containsOnly(
                Map.entry("trees", 200), Map.entry("max_depth", 4), Map.entry("shrinkage", 0.05));
        assertThat(model.search().method()).isEqualTo(SearchSpec.Method.GRID);
        assertThat(model.search().folds()).isEqualTo(3);
        assertThat(model.search().space()).containsOnly(
                Map.entry("min_samples_leaf", List.of(2, 5)), Map.entry("subsample", List.of(0.8, 1)));

        EvaluateSpec evaluate = spec.evaluate();
        assertThat(evaluate.primary()).isEqualTo(MetricName.AUC);
        assertThat(evaluate.metrics()).containsExactly(MetricName.AUC, MetricName.ACCURACY, MetricName.RECALL, MetricName.F1);
        assertThat(evaluate.gates()).containsOnly(
                Map.entry(MetricName.AUC, new GateSpec(0.75, null, 0.01)),
                Map.entry(MetricName.RECALL, new GateSpec(0.6, 1.0, "2%")));
        assertThat(evaluate.positiveClass()).as("yes stays text, as YAML 1.2 reads it").isEqualTo("yes");
        assertThat(evaluate.folds()).isEqualTo(4);
        assertThat(evaluate.bootstrap()).isEqualTo(500);

        assertThat(spec.packaging()).isEqualTo(new PackageSpec(
                "ghcr.io/acme/credit-risk", "ghcr.io/mlship/mlship:1", List.of("latest", "v1.2"), false));
        assertThat(spec.promote()).isEqualTo(new PromoteSpec("production"));
    }

    @Test
    void fillsDefaultsOfAMinimalConfig() {
        PipelineSpec spec = load(dir, MINIMAL).spec();

        assertThat(spec.data().features()).isNull();
        assertThat(spec.data().split()).isEqualTo(new SplitSpec(0.2, 42L, null));
        assertThat(spec.data().delimiter()).isNull();
        assertThat(spec.data().missing()).isEqualTo(DataSpec.DEFAULT_MISSING);
        assertThat(spec.prepare()).isEqualTo(new PrepareSpec(
                new PrepareSpec.ImputeSpec(Strategy.MEDIAN, Strategy.MOST_FREQUENT, null, null),
                Encoding.ONEHOT, Scaling.STANDARD, null));
        assertThat(spec.model().params()).isEmpty();
        assertThat(spec.model().search()).isNull();
        assertThat(spec.evaluate()).isEqualTo(EvaluateSpec.DEFAULT);
        assertThat(spec.evaluate().folds()).isEqualTo(5);
        assertThat(spec.evaluate().bootstrap()).isEqualTo(1000);
        assertThat(spec.packaging()).isNull();
        assertThat(spec.promote()).isNull();
    }

    @Test
    void aDirectoryMeansItsMlshipYaml() {
        Path project = dir.resolve("project");
        write(project, MINIMAL);

        Settings settings = SpecLoader.load(project);

        assertThat(settings.configFile()).isEqualTo(project.resolve("mlship.yaml"));
        assertThat(settings.spec().name()).isEqualTo("credit-risk");
    }

    @Test
    void dataPathIsRelativeToTheConfigFolder() {
        Path project = dir.resolve("repo/models/credit");
        write(project, MINIMAL.replace("path: data/credit.csv", "path: ../shared/credit.csv"));

        Settings settings = SpecLoader.load(project);

        assertThat(settings.dataPath()).isEqualTo(dir.resolve("repo/models/shared/credit.csv"));
    }

    @Test
    void changeGatesAndPromotionLoadWithoutNotices() {
        String yaml = MINIMAL + """
                evaluate:
                  gates:
                    recall: {min: 0.5, max_drop: "2%"}
                    auc: {min: 0.7, max_drop: 0.01}
                    accuracy: {min: 0.6}
                package: {image: ghcr.io/acme/credit-risk}
                promote: {tag: production}
                """;

        Settings settings = load(dir, yaml);
        assertThat(settings.spec().evaluate().gates().get(MetricName.RECALL).maxDrop()).isEqualTo("2%");
        assertThat(settings.spec().evaluate().gates().get(MetricName.AUC).maxDrop()).isEqualTo(0.01);
        assertThat(settings.spec().promote().tag()).isEqualTo("production");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope/mlship.yaml");

        assertThatThrownBy(() -> SpecLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file; pass the path of mlship.yaml or of the folder holding it")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void directoryWithoutMlshipYaml() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> SpecLoader.load(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("folder has no mlship.yaml");
    }

    @Test
    void emptyFileAndCommentOnlyFile() {
        assertThat(error(dir, "")).isEqualTo(dir.resolve("mlship.yaml") + ": is empty; it needs at least name, data and model");
        assertThat(error(dir, "# nothing yet\n")).endsWith("mlship.yaml: is empty; it needs at least name, data and model");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(error(dir, "- name\n- data\n"))
                .endsWith("mlship.yaml line 1: must be a mapping of keys (name, data, model, ...) at the top level, got a list");
        assertThat(error(dir, "just words\n")).contains("mlship.yaml line 1: must be a mapping").endsWith("got text");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        String yaml = MINIMAL + "evaluate:\n  metrics: [auc, recall\n";

        String message = error(dir, yaml);

        assertThat(message)
                .contains("mlship.yaml line " + (ConfigFixture.lineOf(yaml, "metrics:") + 1) + ", column 1, evaluate.metrics")
                .contains("YAML syntax error: expected ',' or ']'")
                .contains("flow sequence that starts at line " + ConfigFixture.lineOf(yaml, "metrics:"))
                .doesNotContain("\n");
    }

    @Test
    void badIndentationIsASyntaxError() {
        String yaml = "name: credit-risk\ndata:\n  path: a.csv\n    label: y\n";

        assertThat(error(dir, yaml)).contains("mlship.yaml line 4, column").contains("YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void exceptionKeepsTheParserErrorAsCauseOnly() {
        Path file = write(dir, "name: [x\n");

        assertThatThrownBy(() -> SpecLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
                .message().doesNotContain("\n").doesNotContain("Exception").doesNotContain("at [Source");
    }

    @Test
    void duplicateKeyNamesBothLines() {
        String yaml = MINIMAL.replace("  label: default\n", "  label: default\n  label: target\n");

        assertThat(error(dir, yaml)).endsWith(at(yaml, "label: target") + ", data.label: duplicate key; it is already set at line "
                + ConfigFixture.lineOf(yaml, "label: default"));
    }

    @Test
    void unknownTopLevelKeyListsAllowedKeysAndSuggests() {
        String yaml = MINIMAL + "evalute:\n  primary: auc\n";

        assertThat(error(dir, yaml)).endsWith(at(yaml, "evalute:") + ", evalute: unknown key (did you mean evaluate?);"
                + " allowed keys at the top level: name, data, prepare, model, evaluate, package, promote");
    }

    @Test
    void unknownNestedKeyListsTheKeysOfItsSection() {
        String yaml = MINIMAL + "evaluate:\n  gates:\n    auc: {min: 0.7, minimum: 0.8}\n";

        assertThat(error(dir, yaml)).endsWith(at(yaml, "auc:") + ", evaluate.gates.auc.minimum: unknown key;"
                + " allowed keys in evaluate.gates.auc: min, max, max_drop");
        String split = MINIMAL.replace("  label: default\n", "  label: default\n  split: {test: 0.2, sed: 1}\n");
        assertThat(error(dir, split)).endsWith(at(split, "sed: 1") + ", data.split.sed: unknown key (did you mean seed?);"
                + " allowed keys in data.split: test, seed, stratify");
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatWasWritten() {
        String list = MINIMAL.replace("  label: default\n", "  label: default\n  split: {test: [0.2]}\n");
        assertThat(error(dir, list)).endsWith(at(list, "test:") + ", data.split.test: expected a number, got a list");

        String quoted = MINIMAL.replace("  label: default\n", "  label: default\n  split:\n    test: \"0.2\"\n");
        assertThat(error(dir, quoted)).endsWith(at(quoted, "test:")
                + ", data.split.test: expected a number, got the text \"0.2\" (write numbers without quotes)");

        String decimalFolds = MINIMAL + "evaluate:\n  folds: 4.5\n";
        assertThat(error(dir, decimalFolds)).endsWith(at(decimalFolds, "folds:") + ", evaluate.folds: expected an integer, got 4.5");

        String wholeDecimal = MINIMAL + "evaluate:\n  bootstrap: 100.0\n";
        assertThat(error(dir, wholeDecimal)).endsWith("evaluate.bootstrap: expected an integer, got 100.0");

        String mappingForText = MINIMAL.replace("label: default", "label: {name: default}");
        assertThat(error(dir, mappingForText)).endsWith(at(mappingForText, "label:") + ", data.label: expected text, got a mapping");

        String wordForBoolean = MINIMAL.replace("  label: default\n", "  label: default\n  split: {stratify: yes}\n");
        assertThat(error(dir, wordForBoolean)).endsWith("data.split.stratify: expected true or false, got the text \"yes\"");

        String scalarForSection = MINIMAL + "evaluate:\n  gates:\n    auc: 0.7\n";
        assertThat(error(dir, scalarForSection)).endsWith(at(scalarForSection, "auc: 0.7")
                + ", evaluate.gates.auc: expected a mapping with keys min, max, max_drop, got 0.7");

        String scalarForList = MINIMAL + "  search: {space: {max_depth: 4}}\n";
        assertThat(error(dir, scalarForList)).endsWith("model.search.space.max_depth: expected a list of values, got 4");

        String tooLarge = MINIMAL + "evaluate:\n  folds: 99999999999\n";
        assertThat(error(dir, tooLarge)).endsWith("evaluate.folds: expected an integer, got 99999999999, which is out of range");

        String infinity = MINIMAL + "evaluate:\n  gates:\n    auc: {min: .inf}\n";
        assertThat(error(dir, infinity)).endsWith("evaluate.gates.auc.min: expected a number, got the text \".inf\"");
    }

    @Test
    void numbersAndBooleansAreTakenAsTextWhereTextIsExpected() {
        String yaml = MINIMAL.replace("  label: default\n", "  label: 7\n  features: [2020, true, -1.5]\n")
                + "evaluate:\n  positive_class: 1\n";

        PipelineSpec spec = load(dir, yaml).spec();

        assertThat(spec.data().label()).isEqualTo("7");
        assertThat(spec.data().features()).containsExactly("2020", "true", "-1.5");
        assertThat(spec.evaluate().positiveClass()).isEqualTo("1");
    }

    @Test
    void unknownEnumValuesListTheAllowedIds() {
        String task = MINIMAL.replace("task: classification", "task: clasification");
        assertThat(error(dir, task)).endsWith(at(task, "task:") + ", model.task: unknown task \"clasification\""
                + " (did you mean classification?); allowed: classification, regression");

        String algorithm = MINIMAL.replace("algorithm: random_forest", "algorithm: catboost");
        assertThat(error(dir, algorithm)).endsWith(at(algorithm, "algorithm:") + ", model.algorithm: unknown algorithm \"catboost\";"
                + " allowed: logistic, linear, ridge, lasso, elastic_net, decision_tree, random_forest, gradient_boosting, mlp, svm, xgboost, auto");

        String metric = MINIMAL + "evaluate:\n  metrics: [auc, roc]\n";
        assertThat(error(dir, metric)).endsWith(at(metric, "metrics:") + ", evaluate.metrics[1]: unknown metric \"roc\"; allowed:"
                + " accuracy, precision, recall, f1, f1_macro, f1_weighted, auc, logloss, brier, rmse, mae, r2, mape");

        String gate = MINIMAL + "evaluate:\n  gates:\n    recal: {min: 0.5}\n";
        assertThat(error(dir, gate)).endsWith(at(gate, "recal:") + ", evaluate.gates.recal: unknown metric \"recal\""
                + " (did you mean recall?); allowed: accuracy, precision, recall, f1, f1_macro, f1_weighted, auc, logloss, brier, rmse, mae, r2, mape");

        String impute = MINIMAL + "prepare:\n  impute:\n    numeric: average\n";
        assertThat(error(dir, impute)).endsWith(at(impute, "numeric:") + ", prepare.impute.numeric: unknown impute strategy"
                + " \"average\"; allowed: mean, median, most_frequent, constant, none");

        String scale = MINIMAL + "prepare:\n  scale: zscore\n";
        assertThat(error(dir, scale)).endsWith(at(scale, "scale:") + ", prepare.scale: unknown scaling \"zscore\"; allowed: none, minmax, standard");

        String encode = MINIMAL + "prepare:\n  encode: ordinal\n";
        assertThat(error(dir, encode)).endsWith(at(encode, "encode:") + ", prepare.encode: unknown encoding \"ordinal\"; allowed: onehot");

        String columnType = MINIMAL.replace("  label: default\n", "  label: default\n  types: {age: integer}\n");
        assertThat(error(dir, columnType)).endsWith(at(columnType, "types:") + ", data.types.age: unknown column type \"integer\";"
                + " allowed: numeric, categorical, boolean");

        String method = MINIMAL + "  search: {method: bayesian, space: {trees: [10]}}\n";
        assertThat(error(dir, method)).endsWith("model.search.method: unknown search method \"bayesian\"; allowed: grid, random");

        String upperCase = MINIMAL.replace("task: classification", "task: CLASSIFICATION");
        assertThat(error(dir, upperCase)).contains("unknown task \"CLASSIFICATION\" (did you mean classification?)");

        String number = MINIMAL.replace("task: classification", "task: 0");
        assertThat(error(dir, number)).contains("model.task: unknown task \"0\"");
    }

    @Test
    void emptyEntriesInListsAndMappingsAreRefused() {
        String list = MINIMAL.replace("  label: default\n", "  label: default\n  features: [age, ~]\n");
        assertThat(error(dir, list)).endsWith(at(list, "features:") + ", data.features[1]: has no value; give one or remove the entry");

        String map = MINIMAL + "  params:\n    trees:\n";
        assertThat(error(dir, map)).endsWith(at(map, "trees:") + ", model.params.trees: has no value; give one or remove the entry");
    }

    @Test
    void aliasBombIsRefusedAtTheLineOfTheEleventhAlias() {
        String bomb = """
                name: lol
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;
        write(dir, bomb);

        // No clock: refused at the eleventh alias (line 4) means at most ten were expanded, so the 9^9 values
        // were never built. An expansion without the limit would fail this message whatever the machine's speed.
        String message = error(dir, bomb);

        assertThat(message).endsWith(at(bomb, "c: &c") + ", c[1]: more than 10 YAML aliases of lists or mappings;"
                + " refused so the file cannot expand without bound");
    }

    @Test
    void aFewAliasesAreExpanded() {
        String yaml = MINIMAL.replace("  label: default\n", "  label: default\n  features: &cols [age, income]\n")
                + "  search:\n    space:\n      max_depth: &depths [3, 6]\n      min_samples_leaf: *depths\n";

        PipelineSpec spec = load(dir, yaml).spec();

        assertThat(spec.model().search().space()).containsOnly(
                Map.entry("max_depth", List.of(3, 6)), Map.entry("min_samples_leaf", List.of(3, 6)));
    }

    @Test
    void errorsInsideAnAliasPointAtTheAlias() {
        String yaml = MINIMAL + "  search:\n    space:\n      max_depth: &depths [3, 0]\n      min_samples_leaf: *depths\n";

        assertThat(error(dir, yaml)).contains(at(yaml, "max_depth:") + ", model.search.space.max_depth[1]: must be an integer >= 1, got 0");
    }

    @Test
    void undefinedAliasMergeKeysAndCustomTagsAreRefused() {
        String alias = MINIMAL + "evaluate:\n  metrics: *metrics\n";
        assertThat(error(dir, alias)).endsWith(at(alias, "*metrics") + ", evaluate.metrics: alias *metrics refers to no anchor"
                + " &metrics defined before it");

        String merge = MINIMAL + "prepare: &p {scale: none}\nevaluate:\n  <<: *p\n";
        assertThat(error(dir, merge)).endsWith(at(merge, "<<") + ", evaluate: YAML merge keys (<<) are not supported; write the keys out");

        String tag = MINIMAL + "evaluate: !python/object {}\n";
        assertThat(error(dir, tag)).endsWith(at(tag, "evaluate:") + ", evaluate: YAML tag !python/object is not supported");

        // A standard tag that yields bytes: found by the generated configs (SpecPropertyTest), once a crash.
        String binary = MINIMAL + "promote:\n  tag: !!binary aGk=\n";
        assertThat(error(dir, binary)).endsWith(at(binary, "tag:") + ", promote.tag: YAML binary values (!!binary) are not"
                + " supported; write the value as plain text");
    }

    @Test
    void oneDocumentOnly() {
        String yaml = MINIMAL + "---\nname: other\n";

        assertThat(error(dir, yaml)).endsWith(at(yaml, "name: other")
                + ": holds a second YAML document (after ---); mlship.yaml must hold exactly one");
    }

    @Test
    void tooDeepNesting() {
        String yaml = MINIMAL + "  params: {trees: " + "[".repeat(40) + "]".repeat(40) + "}\n";

        assertThat(error(dir, yaml)).contains(at(yaml, "params:")).contains("is nested deeper than 32 levels");
    }

    @Test
    void oversizedAndNonUtf8FilesAreRefused() throws IOException {
        Path big = write(dir.resolve("big"), "name: x\n# " + "x".repeat(SpecLoader.MAX_BYTES) + "\n");
        assertThatThrownBy(() -> SpecLoader.load(big))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mlship.yaml: is " + Files.size(big) + " bytes; mlship.yaml is limited to 1 MB");

        Path latin1 = dir.resolve("latin1/mlship.yaml");
        Files.createDirectories(latin1.getParent());
        Files.write(latin1, "name: x\ndata:\n  label: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SpecLoader.load(latin1))
                .isInstanceOf(ConfigException.class)
                .hasMessage(latin1 + " line 3: is not UTF-8 text; save the file as UTF-8");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertThat(load(dir, "\uFEFF" + MINIMAL).spec().name()).isEqualTo("credit-risk");
    }

    @Test
    void validationErrorsComeAfterBinding() {
        String yaml = MINIMAL.replace("algorithm: random_forest", "algorithm: linear");

        assertThat(error(dir, yaml)).endsWith(at(yaml, "algorithm:") + ", model.algorithm: linear does not do classification;"
                + " algorithms for classification: logistic, decision_tree, random_forest, gradient_boosting, mlp, svm, xgboost, auto");
    }
}
