package dev.mlship.config;

import static dev.mlship.config.ConfigFixture.MINIMAL;
import static dev.mlship.config.ConfigFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {
    private static final String REGRESSION = MINIMAL.replace("task: classification", "task: regression");

    @TempDir
    Path dir;

    private String error(String yaml) {
        return ConfigFixture.error(dir, yaml);
    }

    private Settings load(String yaml) {
        return ConfigFixture.load(dir, yaml);
    }

    private static String withData(String extra) {
        return MINIMAL.replace("  label: default\n", "  label: default\n" + extra);
    }

    @Test
    void requiredKeysNameTheirParentLine() {
        String noName = MINIMAL.replace("name: credit-risk\n", "");
        // a missing top-level key points at the start of the top-level mapping
        assertThat(error(noName)).endsWith("mlship.yaml line 1, name: is required: a lower-case name for the model and its image,"
                + " such as credit-risk");

        String noLabel = MINIMAL.replace("  label: default\n", "");
        assertThat(error(noLabel)).endsWith(at(noLabel, "data:") + ", data.label: is required: the column to predict");

        String noPath = MINIMAL.replace("  path: data/credit.csv\n", "");
        assertThat(error(noPath)).endsWith(at(noPath, "data:") + ", data.path: is required: the CSV or Parquet file (or"
                + " folder or glob of parts) to train on, relative to this file");

        String noData = "name: credit-risk\nmodel: {task: regression, algorithm: ridge}\n";
        assertThat(error(noData)).endsWith("mlship.yaml line 1, data: is required, with at least path and label");

        String noTask = MINIMAL.replace("  task: classification\n", "");
        assertThat(error(noTask)).endsWith(at(noTask, "model:") + ", model.task: is required: one of classification, regression");

        String noAlgorithm = REGRESSION.replace("  algorithm: random_forest\n", "");
        assertThat(error(noAlgorithm)).endsWith(at(noAlgorithm, "model:") + ", model.algorithm: is required: one of"
                + " linear, ridge, lasso, elastic_net, decision_tree, random_forest, gradient_boosting, mlp, xgboost, auto");
    }

    @Test
    void nameMustBeUsableAsAnImageName() {
        String upper = MINIMAL.replace("name: credit-risk", "name: Credit_Risk");
        assertThat(error(upper)).endsWith("mlship.yaml line 1, name: must be lower-case letters, digits, '.', '_' or '-',"
                + " starting and ending with a letter or digit (it names an image), got \"Credit_Risk\"");
        assertThat(error(MINIMAL.replace("name: credit-risk", "name: credit-"))).contains("got \"credit-\"");
        assertThat(error(MINIMAL.replace("name: credit-risk", "name: " + "a".repeat(64))))
                .endsWith("name: must be at most 63 characters (it names an image), got 64");
        assertThat(load(MINIMAL.replace("name: credit-risk", "name: " + "a".repeat(63))).spec().name()).hasSize(63);
        assertThat(load(MINIMAL.replace("name: credit-risk", "name: credit.risk_v2")).spec().name()).isEqualTo("credit.risk_v2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5", "-0.2", "0.0"})
    void testShareMustBeStrictlyBetweenZeroAndOne(String test) {
        String yaml = withData("  split: {test: " + test + "}\n");

        assertThat(error(yaml)).endsWith(at(yaml, "split:") + ", data.split.test: must be a number between 0 and 1"
                + " (exclusive), the share of rows held out for testing, got " + test);
    }

    @Test
    void featuresMustBeDistinctNonEmptyAndNotTheLabel() {
        String empty = withData("  features: []\n");
        assertThat(error(empty)).endsWith(at(empty, "features:") + ", data.features: lists no column; list at least one,"
                + " or leave the key out to use every column but the label");

        String twice = withData("  features:\n    - age\n    - income\n    - age  # again\n");
        assertThat(error(twice)).endsWith(at(twice, "# again") + ", data.features[2]: lists \"age\" twice");

        String label = withData("  features: [age, default]\n");
        assertThat(error(label)).endsWith(at(label, "features:") + ", data.features[1]: is the label column \"default\";"
                + " the label cannot also be a feature");

        String blank = withData("  features: [age, \" \"]\n");
        assertThat(error(blank)).endsWith("data.features[1]: is empty; give a column name");
    }

    @Test
    void delimiterIsCommaSemicolonOrTab() {
        assertThat(load(withData("  delimiter: \",\"\n")).spec().data().delimiter()).isEqualTo(",");
        assertThat(load(withData("  delimiter: \";\"\n")).spec().data().delimiter()).isEqualTo(";");
        assertThat(load(withData("  delimiter: \"\\t\"\n")).spec().data().delimiter()).isEqualTo("\t");
        assertThat(load(withData("  delimiter: tab\n")).spec().data().delimiter()).isEqualTo("\t");

        String pipe = withData("  delimiter: \"|\"\n");
        assertThat(error(pipe)).endsWith(at(pipe, "delimiter:") + ", data.delimiter: must be \",\", \";\" or \"\\t\""
                + " (or the word tab), or left out to detect it, got \"|\"");
    }

    @Test
    void algorithmMustDoTheTask() {
        String linear = MINIMAL.replace("algorithm: random_forest", "algorithm: linear");
        assertThat(error(linear)).endsWith(at(linear, "algorithm:") + ", model.algorithm: linear does not do classification;"
                + " algorithms for classification: logistic, decision_tree, random_forest, gradient_boosting, mlp, svm, xgboost, auto");

        String logistic = REGRESSION.replace("algorithm: random_forest", "algorithm: logistic");
        assertThat(error(logistic)).endsWith("model.algorithm: logistic does not do regression; algorithms for regression:"
                + " linear, ridge, lasso, elastic_net, decision_tree, random_forest, gradient_boosting, mlp, xgboost, auto");
    }

    @Test
    void svmDoesNotDoRegression() {
        String svm = REGRESSION.replace("algorithm: random_forest", "algorithm: svm");
        assertThat(error(svm)).endsWith(at(svm, "algorithm:") + ", model.algorithm: svm does not do regression; algorithms"
                + " for regression: linear, ridge, lasso, elastic_net, decision_tree, random_forest, gradient_boosting, mlp, xgboost, auto");
    }

    @Test
    void mlpAndSvmParamsAreCheckedWithTheirLines() {
        String mlp = MINIMAL.replace("random_forest", "mlp");
        String unknown = mlp + "  params:\n    hiden_layers: [64]\n";
        assertThat(error(unknown)).endsWith(at(unknown, "hiden_layers:") + ", model.params.hiden_layers: unknown"
                + " parameter of mlp (did you mean hidden_layers?); allowed: hidden_layers, activation, learning_rate,"
                + " momentum, weight_decay, epochs, batch_size");

        String zeroUnits = mlp + "  params:\n    hidden_layers: [64, 0]\n";
        assertThat(error(zeroUnits)).endsWith(at(zeroUnits, "hidden_layers:") + ", model.params.hidden_layers: must be a list"
                + " of integers >= 1, such as [64, 32], got a list");

        String number = mlp + "  params: {hidden_layers: 64}\n";
        assertThat(error(number)).endsWith("model.params.hidden_layers: must be a list of integers >= 1, such as [64, 32], got 64");

        String activation = mlp + "  params: {activation: softplus}\n";
        assertThat(error(activation)).endsWith("model.params.activation: must be one of relu, tanh, sigmoid, got \"softplus\"");

        String momentum = mlp + "  params: {momentum: 1}\n";
        assertThat(error(momentum)).endsWith("model.params.momentum: must be a number in [0, 1), got 1");

        String rate = mlp + "  params: {learning_rate: \"fast\"}\n";
        assertThat(error(rate)).endsWith("model.params.learning_rate: must be a number > 0, got \"fast\"");

        String svm = MINIMAL.replace("random_forest", "svm");
        String c = svm + "  params: {C: 0}\n";
        assertThat(error(c)).endsWith(at(c, "C:") + ", model.params.C: must be a number > 0, got 0");

        String kernel = svm + "  params: {kernel: poly}\n";
        assertThat(error(kernel)).endsWith("model.params.kernel: must be one of rbf, linear, got \"poly\"");

        String gamma = svm + "  params:\n    kernel: linear\n    gamma: 0.5\n";
        assertThat(error(gamma)).endsWith(at(gamma, "gamma:") + ", model.params.gamma: applies to kernel: rbf only; remove it"
                + " or set kernel: rbf");

        String layersAsRange = mlp + "  search: {method: random, space: {hidden_layers: {min: 1, max: 9}}}\n";
        assertThat(error(layersAsRange)).endsWith("model.search.space.hidden_layers: takes a list of values (a list of integers"
                + " >= 1, such as [64, 32]), not a range");

        String grid = mlp + "  search: {space: {hidden_layers: [[16], [64, 32]], learning_rate: [0.01, 0.1]}}\n";
        assertThat(load(grid).spec().model().search().space()).containsKey("hidden_layers");
    }

    @Test
    void metricsPrimaryAndGatesMustBelongToTheTask() {
        String primary = MINIMAL + "evaluate:\n  primary: rmse\n";
        assertThat(error(primary)).endsWith(at(primary, "primary:") + ", evaluate.primary: rmse is a regression metric;"
                + " metrics for classification: accuracy, precision, recall, f1, f1_macro, f1_weighted, auc, logloss, brier");

        String metrics = REGRESSION + "evaluate:\n  metrics:\n    - rmse\n    - auc\n";
        assertThat(error(metrics)).endsWith(at(metrics, "- auc") + ", evaluate.metrics[1]: auc is a classification metric;"
                + " metrics for regression: rmse, mae, r2, mape");

        String gate = REGRESSION + "evaluate:\n  gates:\n    r2: {min: 0.5}\n    recall: {min: 0.5}\n";
        assertThat(error(gate)).endsWith(at(gate, "recall:") + ", evaluate.gates.recall: recall is a classification metric;"
                + " metrics for regression: rmse, mae, r2, mape");

        String none = MINIMAL + "evaluate:\n  metrics: []\n";
        assertThat(error(none)).endsWith("evaluate.metrics: lists no metric; list at least one, or leave the key out to report"
                + " every metric of the task");

        String twice = MINIMAL + "evaluate:\n  metrics: [auc, f1, auc]\n";
        assertThat(error(twice)).endsWith("evaluate.metrics[2]: lists auc twice");
    }

    @Test
    void gateBounds() {
        String inverted = MINIMAL + "evaluate:\n  gates:\n    auc:\n      min: 0.9\n      max: 0.8\n";
        assertThat(error(inverted)).endsWith(at(inverted, "max: 0.8") + ", evaluate.gates.auc.max: is below min (0.9);"
                + " no value could pass this gate");

        String empty = MINIMAL + "evaluate:\n  gates:\n    auc: {}\n";
        assertThat(error(empty)).endsWith(at(empty, "auc:") + ", evaluate.gates.auc: sets no bound; give min, max or max_drop");

        String quoted = MINIMAL + "evaluate:\n  gates:\n    auc: {min: \"0.7\"}\n";
        assertThat(error(quoted)).endsWith("evaluate.gates.auc.min: expected a number, got the text \"0.7\""
                + " (write numbers without quotes)");

        assertThat(load(MINIMAL + "evaluate:\n  gates:\n    auc: {min: 0.7, max: 0.7}\n").spec().evaluate().gates())
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "\"2 percent\"", "\"-2%\"", "\"%\"", "true", "[1]", "\"0.01\""})
    void maxDropMustBeANonNegativeNumberOrAPercentage(String value) {
        String yaml = MINIMAL + "evaluate:\n  gates:\n    auc: {max_drop: " + value + "}\n";
        String shown = value.equals("[1]") ? "a list" : value;

        assertThat(error(yaml)).endsWith(at(yaml, "max_drop") + ", evaluate.gates.auc.max_drop: must be a non-negative number"
                + " (an absolute drop) or a percentage such as \"2%\" (a drop relative to the baseline), got " + shown);
    }

    @Test
    void maxDropAcceptsNumbersAndPercentages() {
        String yaml = MINIMAL + "evaluate:\n  gates:\n    auc: {max_drop: 0}\n    accuracy: {max_drop: \"2.5%\"}\n"
                + "    recall: {max_drop: 0.05}\n";

        Settings settings = load(yaml);

        assertThat(settings.spec().evaluate().gates().get(MetricName.ACCURACY).maxDrop()).isEqualTo("2.5%");
        assertThat(settings.spec().evaluate().gates().get(MetricName.RECALL).maxDrop()).isEqualTo(0.05);
        assertThat(error(MINIMAL + "evaluate:\n  gates:\n    auc: {max_drop: \"150%\"}\n"))
                .endsWith("evaluate.gates.auc.max_drop: must be a percentage from 0% to 100%, got \"150%\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 101})
    void foldsMustBeFromTwoToAHundred(int folds) {
        String evaluate = MINIMAL + "evaluate:\n  folds: " + folds + "\n";
        assertThat(error(evaluate)).endsWith(at(evaluate, "folds:") + ", evaluate.folds: must be an integer in [2, 100], got " + folds);

        String search = MINIMAL + "  search:\n    folds: " + folds + "\n    space: {trees: [10, 20]}\n";
        assertThat(error(search)).endsWith(at(search, "folds:") + ", model.search.folds: must be an integer in [2, 100], got " + folds);
    }

    @Test
    void foldBoundsAreAllowed() {
        assertThat(load(MINIMAL + "evaluate:\n  folds: 2\n").spec().evaluate().folds()).isEqualTo(2);
        assertThat(load(MINIMAL + "evaluate:\n  folds: 100\n").spec().evaluate().folds()).isEqualTo(100);
    }

    @Test
    void bootstrapZeroDisablesNegativeIsRefused() {
        assertThat(load(MINIMAL + "evaluate:\n  bootstrap: 0\n").spec().evaluate().bootstrap()).isZero();

        String negative = MINIMAL + "evaluate:\n  bootstrap: -1\n";
        assertThat(error(negative)).endsWith(at(negative, "bootstrap:") + ", evaluate.bootstrap: must be an integer in"
                + " [0, 100000] (0 turns confidence intervals off), got -1");
    }

    @Test
    void positiveClassIsForClassificationOnly() {
        String yaml = REGRESSION + "evaluate:\n  positive_class: bad\n";

        assertThat(error(yaml)).endsWith(at(yaml, "positive_class:") + ", evaluate.positive_class: applies to classification"
                + " only; the task is regression");
    }

    @Test
    void paramsAreCheckedAgainstTheAlgorithm() {
        String depth = MINIMAL + "  params:\n    max_depth: 0\n";
        assertThat(error(depth)).endsWith(at(depth, "max_depth:") + ", model.params.max_depth: must be an integer >= 1, got 0");

        String unknown = MINIMAL + "  params: {tres: 10}\n";
        assertThat(error(unknown)).endsWith(at(unknown, "tres:") + ", model.params.tres: unknown parameter of random_forest"
                + " (did you mean trees?); allowed: trees, max_depth, max_nodes, min_samples_leaf, mtry, subsample, split_rule, engine");

        String decimal = MINIMAL + "  params: {trees: 4.5}\n";
        assertThat(error(decimal)).endsWith("model.params.trees: must be an integer >= 1, got 4.5");

        String wholeDecimal = MINIMAL + "  params: {trees: 4.0}\n";
        assertThat(error(wholeDecimal)).endsWith("model.params.trees: must be an integer >= 1, got 4.0");

        String text = MINIMAL + "  params: {trees: \"10\"}\n";
        assertThat(error(text)).endsWith("model.params.trees: must be an integer >= 1, got \"10\"");

        String fraction = MINIMAL + "  params: {subsample: 1.5}\n";
        assertThat(error(fraction)).endsWith("model.params.subsample: must be a number in (0, 1], got 1.5");

        String rule = MINIMAL + "  params: {split_rule: gain}\n";
        assertThat(error(rule)).endsWith("model.params.split_rule: must be one of gini, entropy, classification_error, got \"gain\"");

        String ruleForRegression = REGRESSION + "  params: {split_rule: gini}\n";
        assertThat(error(ruleForRegression)).endsWith("model.params.split_rule: applies to classification only, and the task"
                + " is regression");

        String lossForClassification = MINIMAL.replace("random_forest", "gradient_boosting") + "  params: {loss: huber}\n";
        assertThat(error(lossForClassification)).endsWith("model.params.loss: applies to regression only, and the task is"
                + " classification");

        String nested = MINIMAL + "  params: {trees: [10]}\n";
        assertThat(error(nested)).endsWith("model.params.trees: must be an integer >= 1, got a list");
    }

    @Test
    void aWholeNumberIsFineForANumberParam() {
        Settings settings = load(REGRESSION.replace("random_forest", "ridge") + "  params: {lambda: 2}\n");

        assertThat(AlgorithmParams.resolve(AlgorithmName.RIDGE, Task.REGRESSION, settings.spec().model().params()))
                .containsEntry("lambda", 2.0);
    }

    @Test
    void searchSpaceIsCheckedLikeParams() {
        String bad = MINIMAL + "  search:\n    space:\n      max_depth: [3, 0, 6]\n";
        assertThat(error(bad)).endsWith(at(bad, "max_depth:") + ", model.search.space.max_depth[1]: must be an integer >= 1, got 0");

        String empty = MINIMAL + "  search:\n    space:\n      max_depth: []\n";
        assertThat(error(empty)).endsWith(at(empty, "max_depth:") + ", model.search.space.max_depth: lists no value; give at"
                + " least one, as an integer >= 1");

        String unknown = MINIMAL + "  search:\n    space: {depth: [3]}\n";
        assertThat(error(unknown)).endsWith("model.search.space.depth: unknown parameter of random_forest; allowed: trees,"
                + " max_depth, max_nodes, min_samples_leaf, mtry, subsample, split_rule, engine");

        String both = MINIMAL + "  params: {trees: 50}\n  search:\n    space:\n      trees: [10, 20]\n";
        assertThat(error(both)).endsWith(at(both, "trees: [10") + ", model.search.space.trees: is also set in model.params;"
                + " set it in one place only");

        String nothing = MINIMAL + "  search: {folds: 3}\n";
        assertThat(error(nothing)).endsWith(at(nothing, "search:") + ", model.search.space: names no parameter to search;"
                + " add one such as max_depth: [3, 6], or remove model.search");

        String repeated = MINIMAL + "  search:\n    space: {trees: [10, 10.0]}\n";
        assertThat(error(repeated)).endsWith("model.search.space.trees[1]: must be an integer >= 1, got 10.0");

        String duplicate = MINIMAL + "  search:\n    space: {split_rule: [gini, gini]}\n";
        assertThat(error(duplicate)).endsWith("model.search.space.split_rule[1]: lists \"gini\" twice");
    }

    @Test
    void prepareChecks() {
        String categories = MINIMAL + "prepare:\n  max_categories: 1\n";
        assertThat(error(categories)).endsWith(at(categories, "max_categories:") + ", prepare.max_categories: must be an"
                + " integer >= 2, got 1");

        String numeric = MINIMAL + "prepare:\n  impute:\n    numeric: constant\n";
        assertThat(error(numeric)).endsWith(at(numeric, "numeric: constant") + ", prepare.impute.numeric: constant needs"
                + " prepare.impute.numeric_value, the number to fill in");

        String categorical = MINIMAL + "prepare:\n  impute:\n    categorical: constant\n";
        assertThat(error(categorical)).endsWith(at(categorical, "categorical: constant") + ", prepare.impute.categorical:"
                + " constant needs prepare.impute.categorical_value, the text to fill in");

        String unused = MINIMAL + "prepare:\n  impute:\n    numeric_value: 0\n";
        assertThat(error(unused)).endsWith(at(unused, "numeric_value:") + ", prepare.impute.numeric_value: is used only with"
                + " numeric: constant, and numeric is median");

        String mean = MINIMAL + "prepare:\n  impute:\n    categorical: mean\n";
        assertThat(error(mean)).endsWith("prepare.impute.categorical: mean needs numbers; for categorical columns use"
                + " most_frequent or constant");

        Settings ok = load(MINIMAL + "prepare:\n  impute: {numeric: constant, numeric_value: -1}\n  max_categories: 2\n");
        assertThat(ok.spec().prepare().impute().numericValue()).isEqualTo(-1.0);
    }

    @Test
    void tagsFollowDockerSyntax() {
        String promote = MINIMAL + "promote:\n  tag: \"prod/eu\"\n";
        assertThat(error(promote)).endsWith(at(promote, "tag:") + ", promote.tag: must be a valid image tag (letters, digits,"
                + " '_', '.' or '-', not starting with '.' or '-', at most 128 characters), got \"prod/eu\"");

        String tags = MINIMAL + "package:\n  tags: [latest, -beta]\n";
        assertThat(error(tags)).endsWith(at(tags, "tags:") + ", package.tags[1]: must be a valid image tag (letters, digits,"
                + " '_', '.' or '-', not starting with '.' or '-', at most 128 characters), got \"-beta\"");

        assertThat(error(MINIMAL + "package:\n  tags: [" + "a".repeat(129) + "]\n")).contains("package.tags[0]: must be a valid image tag");
        assertThat(load(MINIMAL + "package:\n  tags: [" + "a".repeat(128) + ", v1.0_rc-2]\n").spec().packaging().tags())
                .hasSize(2);

        String image = MINIMAL + "package:\n  image: \"ghcr.io/acme/credit risk\"\n";
        assertThat(error(image)).endsWith("package.image: must be an image reference such as ghcr.io/acme/credit-risk, or left"
                + " out, got \"ghcr.io/acme/credit risk\"");
    }

    @Test
    void problemsListsEveryProblemInFileOrder() {
        String yaml = """
                evaluate:
                  folds: 1
                name: Bad Name
                model:
                  task: classification
                  algorithm: random_forest
                  params: {trees: 0}
                data:
                  path: data/credit.csv
                  label: default
                  split: {test: 2}
                """;
        Settings bound = SpecLoader.bind(ConfigFixture.write(dir, yaml));

        List<String> problems = SpecValidator.problems(bound);

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).endsWith(at(yaml, "folds:") + ", evaluate.folds: must be an integer in [2, 100], got 1");
        assertThat(problems.get(1)).contains(at(yaml, "name:") + ", name: must be lower-case");
        assertThat(problems.get(2)).endsWith(at(yaml, "trees:") + ", model.params.trees: must be an integer >= 1, got 0");
        assertThat(problems.get(3)).contains(at(yaml, "split:") + ", data.split.test: must be a number between 0 and 1");
        assertThat(error(yaml)).isEqualTo(problems.get(0));
        assertThat(SpecLoader.problems(dir)).isEqualTo(problems);
        assertThat(SpecValidator.problems(load(MINIMAL))).isEmpty();
        assertThat(SpecLoader.problems(ConfigFixture.write(dir, MINIMAL))).isEmpty();
        assertThat(SpecLoader.problems(ConfigFixture.write(dir, "name: [x\n"))).singleElement()
                .asString().contains("YAML syntax error");
    }
}
