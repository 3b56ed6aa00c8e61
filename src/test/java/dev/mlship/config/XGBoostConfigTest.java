package dev.mlship.config;

import static dev.mlship.config.ConfigFixture.MINIMAL;
import static dev.mlship.config.ConfigFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** algorithm: xgboost in mlship.yaml: XGBoost's parameter names, checked like every algorithm's, and impute none. */
class XGBoostConfigTest {
    private static final String XGB = MINIMAL.replace("random_forest", "xgboost");
    private static final String XGB_REGRESSION = XGB.replace("task: classification", "task: regression");

    @TempDir
    Path dir;

    @Test
    void defaultsAreXGBoostsOwn() {
        assertThat(AlgorithmParams.resolve(AlgorithmName.XGBOOST, Task.CLASSIFICATION, Map.of())).containsExactly(
                entry("n_estimators", 100), entry("max_depth", 6), entry("max_leaves", 0), entry("grow_policy", "depthwise"),
                entry("learning_rate", 0.3), entry("subsample", 1.0), entry("colsample_bytree", 1.0),
                entry("min_child_weight", 1.0), entry("reg_lambda", 1.0), entry("reg_alpha", 0.0), entry("gamma", 0.0),
                entry("max_bin", 256), entry("scale_pos_weight", 1.0), entry("early_stopping_rounds", 0),
                entry("validation_fraction", 0.1));
        assertThat(AlgorithmParams.resolve(AlgorithmName.XGBOOST, Task.REGRESSION, Map.of())).doesNotContainKey("scale_pos_weight");
        assertThat(AlgorithmName.XGBOOST.does(Task.CLASSIFICATION) && AlgorithmName.XGBOOST.does(Task.REGRESSION)).isTrue();
    }

    @Test
    void aFullXGBoostConfigLoads() {
        Settings s = ConfigFixture.load(dir, XGB + """
                  params: {n_estimators: 300, max_depth: 4, learning_rate: 0.05, subsample: 0.8, colsample_bytree: 0.8,
                           min_child_weight: 2, reg_lambda: 1, reg_alpha: 0.1, gamma: 0, max_bin: 128,
                           early_stopping_rounds: 20, validation_fraction: 0.15}
                  search: {method: random, trials: 4, space: {max_leaves: [0, 31], grow_policy: [depthwise, lossguide]}}
                prepare:
                  impute: {numeric: none}
                """);

        assertThat(s.spec().model().algorithm()).isEqualTo(AlgorithmName.XGBOOST);
        assertThat(s.spec().model().params()).containsOnly(
                entry("n_estimators", 300), entry("max_depth", 4), entry("learning_rate", 0.05), entry("subsample", 0.8),
                entry("colsample_bytree", 0.8), entry("min_child_weight", 2), entry("reg_lambda", 1),
                entry("reg_alpha", 0.1), entry("gamma", 0), entry("max_bin", 128), entry("early_stopping_rounds", 20),
                entry("validation_fraction", 0.15));
        ModelSpec.SearchSpec search = s.spec().model().search();
        assertThat(search.method()).isEqualTo(ModelSpec.SearchSpec.Method.RANDOM);
        assertThat(search.trials()).isEqualTo(4);
        assertThat(search.space()).containsOnly(entry("max_leaves", java.util.List.of(0, 31)),
                entry("grow_policy", java.util.List.of("depthwise", "lossguide")));
        assertThat(s.spec().prepare().impute().numeric()).isEqualTo(PrepareSpec.Strategy.NONE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "n_estimators: 0 | model.params.n_estimators: must be an integer >= 1, got 0",
        "learning_rate: 0 | model.params.learning_rate: must be a number in (0, 1], got 0",
        "subsample: 1.5 | model.params.subsample: must be a number in (0, 1], got 1.5",
        "colsample_bytree: 0 | model.params.colsample_bytree: must be a number in (0, 1], got 0",
        "reg_lambda: -1 | model.params.reg_lambda: must be a number >= 0, got -1",
        "max_bin: 1 | model.params.max_bin: must be an integer >= 2, got 1",
        "max_depth: 2.5 | model.params.max_depth: must be an integer >= 1, got 2.5",
        "early_stopping_rounds: -3 | model.params.early_stopping_rounds: must be an integer >= 0, got -3",
        "validation_fraction: 1 | model.params.validation_fraction: must be a number in (0, 1), got 1",
        "grow_policy: leafwise | model.params.grow_policy: must be one of depthwise, lossguide, got \"leafwise\"",
        "eta: 0.1 | model.params.eta: unknown parameter of xgboost; allowed: n_estimators,",
        "trees: 10 | model.params.trees: unknown parameter of xgboost",
    })
    void badParamsNameTheKeyTheLineAndWhatIsAllowed(String param, String message) {
        String yaml = XGB + "  params:\n    " + param + "\n";

        String error = ConfigFixture.error(dir, yaml);

        assertThat(error).contains(at(yaml, param.substring(0, param.indexOf(':') + 1)) + ", " + message);
    }

    @Test
    void scalePosWeightIsForClassification() {
        String yaml = XGB_REGRESSION + "  params: {scale_pos_weight: 3}\n";

        assertThat(ConfigFixture.error(dir, yaml)).endsWith("model.params.scale_pos_weight: applies to classification only,"
                + " and the task is regression");
    }

    @Test
    void searchSpaceOfXGBoostIsChecked() {
        String yaml = XGB + "  search:\n    space:\n      learning_rate: [0.1, 0, 0.3]\n";

        assertThat(ConfigFixture.error(dir, yaml)).endsWith(at(yaml, "learning_rate:")
                + ", model.search.space.learning_rate[1]: must be a number in (0, 1], got 0");
    }

    @Test
    void imputeNoneIsForAlgorithmsThatTakeMissingValues() {
        String forest = MINIMAL + "prepare:\n  impute:\n    numeric: none\n";
        assertThat(ConfigFixture.error(dir, forest)).endsWith(at(forest, "numeric: none") + ", prepare.impute.numeric: none"
                + " keeps missing values as NaN, which random_forest cannot take; use median, mean, most_frequent or constant"
                + " (none is for xgboost)");

        String categorical = XGB + "prepare:\n  impute:\n    categorical: none\n";
        assertThat(ConfigFixture.error(dir, categorical)).endsWith(at(categorical, "categorical: none")
                + ", prepare.impute.categorical: none is for numeric columns; a missing category is encoded like any other"
                + " with most_frequent or constant");
    }
}
