package dev.mlship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlgorithmParamsTest {
    private static List<String> names(AlgorithmName algorithm, Task task) {
        return AlgorithmParams.of(algorithm, task).stream().map(AlgorithmParams.Param::name).toList();
    }

    @Test
    void declaresTheParamsOfEachAlgorithmAndTask() {
        assertThat(names(AlgorithmName.LOGISTIC, Task.CLASSIFICATION)).containsExactly("lambda", "max_iter", "tol");
        assertThat(names(AlgorithmName.LINEAR, Task.REGRESSION)).containsExactly("method");
        assertThat(names(AlgorithmName.RIDGE, Task.REGRESSION)).containsExactly("lambda");
        assertThat(names(AlgorithmName.DECISION_TREE, Task.CLASSIFICATION))
                .containsExactly("max_depth", "max_nodes", "min_samples_leaf", "split_rule");
        assertThat(names(AlgorithmName.DECISION_TREE, Task.REGRESSION))
                .containsExactly("max_depth", "max_nodes", "min_samples_leaf");
        assertThat(names(AlgorithmName.RANDOM_FOREST, Task.CLASSIFICATION)).containsExactly(
                "trees", "max_depth", "max_nodes", "min_samples_leaf", "mtry", "subsample", "split_rule", "engine");
        assertThat(names(AlgorithmName.GRADIENT_BOOSTING, Task.CLASSIFICATION)).containsExactly(
                "trees", "max_depth", "max_nodes", "min_samples_leaf", "shrinkage", "subsample");
        assertThat(names(AlgorithmName.GRADIENT_BOOSTING, Task.REGRESSION)).containsExactly(
                "trees", "max_depth", "max_nodes", "min_samples_leaf", "shrinkage", "subsample", "loss");
    }

    @Test
    void mlpAndSvmDeclareScikitLearnLikeParams() {
        assertThat(names(AlgorithmName.MLP, Task.REGRESSION)).containsExactly(
                "hidden_layers", "activation", "learning_rate", "momentum", "weight_decay", "epochs", "batch_size");
        assertThat(names(AlgorithmName.SVM, Task.CLASSIFICATION)).containsExactly("kernel", "C", "gamma", "tol", "epochs",
                "multiclass");
        assertThat(AlgorithmParams.resolve(AlgorithmName.MLP, Task.CLASSIFICATION, Map.of("hidden_layers", List.of(64L, 32))))
                .containsEntry("hidden_layers", List.of(64, 32)).containsEntry("activation", "relu");
        assertThat(AlgorithmParams.resolve(AlgorithmName.SVM, Task.CLASSIFICATION, Map.of()))
                .containsEntry("kernel", "rbf").containsEntry("C", 1.0).containsEntry("multiclass", "ovo");
    }

    @Test
    void hiddenLayersMustBeAListOfPositiveIntegers() {
        AlgorithmParams.Param layers = AlgorithmParams.find(AlgorithmName.MLP, Task.CLASSIFICATION, "hidden_layers").orElseThrow();
        assertThat(layers.describe()).isEqualTo("a list of integers >= 1, such as [64, 32]");
        assertThat(layers.problem(List.of(64, 32))).isEmpty();
        assertThat(layers.problem(List.of())).isPresent();
        assertThat(layers.problem(List.of(64, 0))).isPresent();
        assertThat(layers.problem(List.of(64.5))).isPresent();
        assertThat(layers.problem(64)).isPresent();
        assertThatThrownBy(() -> AlgorithmParams.resolve(AlgorithmName.MLP, Task.REGRESSION, Map.of("hidden_layers", "64")))
                .hasMessage("model.params.hidden_layers: must be a list of integers >= 1, such as [64, 32], got 64");
    }

    @Test
    void resolveFillsDefaultsInCanonicalTypes() {
        assertThat(AlgorithmParams.resolve(AlgorithmName.LOGISTIC, Task.CLASSIFICATION, Map.of()))
                .containsExactly(entry("lambda", 0.1), entry("max_iter", 500), entry("tol", 1e-5));
        assertThat(AlgorithmParams.resolve(AlgorithmName.LINEAR, Task.REGRESSION, Map.of()))
                .containsExactly(entry("method", "svd"));
        assertThat(AlgorithmParams.resolve(AlgorithmName.RIDGE, Task.REGRESSION, Map.of()))
                .containsExactly(entry("lambda", 1.0));
        assertThat(AlgorithmParams.resolve(AlgorithmName.DECISION_TREE, Task.CLASSIFICATION, Map.of())).containsExactly(
                entry("max_depth", 20), entry("max_nodes", 10000), entry("min_samples_leaf", 1), entry("split_rule", "gini"));
        assertThat(AlgorithmParams.resolve(AlgorithmName.RANDOM_FOREST, Task.REGRESSION, Map.of())).containsExactly(
                entry("trees", 100), entry("max_depth", 20), entry("max_nodes", 10000), entry("min_samples_leaf", 1),
                entry("mtry", 0), entry("subsample", 1.0), entry("engine", "xgboost"));
        assertThat(AlgorithmParams.resolve(AlgorithmName.GRADIENT_BOOSTING, Task.REGRESSION, Map.of())).containsExactly(
                entry("trees", 100), entry("max_depth", 3), entry("max_nodes", 64), entry("min_samples_leaf", 1),
                entry("shrinkage", 0.1), entry("subsample", 1.0), entry("loss", "least_squares"));
    }

    @Test
    void resolveKeepsGivenValuesAndConvertsWholeNumbersForNumberParams() {
        Map<String, Object> resolved = AlgorithmParams.resolve(AlgorithmName.GRADIENT_BOOSTING, Task.CLASSIFICATION,
                Map.of("trees", 7L, "shrinkage", 1, "subsample", 0.5));

        assertThat(resolved.get("trees")).isEqualTo(7).isInstanceOf(Integer.class);
        assertThat(resolved.get("shrinkage")).isEqualTo(1.0).isInstanceOf(Double.class);
        assertThat(resolved.get("subsample")).isEqualTo(0.5);
        assertThat(resolved).containsEntry("max_depth", 3);
    }

    @Test
    void resolveRefusesWhatValidationWouldRefuse() {
        assertThatThrownBy(() -> AlgorithmParams.resolve(AlgorithmName.RIDGE, Task.REGRESSION, Map.of("alpha", 1.0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.params.alpha: unknown parameter of ridge; allowed: lambda");
        assertThatThrownBy(() -> AlgorithmParams.resolve(AlgorithmName.DECISION_TREE, Task.CLASSIFICATION, Map.of("max_depth", 2.5)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.params.max_depth: must be an integer >= 1, got 2.5");
        assertThatThrownBy(() -> AlgorithmParams.resolve(AlgorithmName.DECISION_TREE, Task.REGRESSION, Map.of("split_rule", "gini")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.params.split_rule: applies to classification only, and the task is regression");
        assertThatThrownBy(() -> AlgorithmParams.resolve(AlgorithmName.LINEAR, Task.REGRESSION, Map.of("method", "cholesky")))
                .hasMessage("model.params.method: must be one of qr, svd, got cholesky");
        assertThatThrownBy(() -> AlgorithmParams.resolve(AlgorithmName.RANDOM_FOREST, Task.REGRESSION, Map.of("trees", 3_000_000_000L)))
                .hasMessage("model.params.trees: must be an integer >= 1, got 3000000000");
    }

    @Test
    void rangesAreDescribedAndChecked() {
        AlgorithmParams.Param subsample = AlgorithmParams.find(AlgorithmName.RANDOM_FOREST, Task.CLASSIFICATION, "subsample").orElseThrow();
        assertThat(subsample.describe()).isEqualTo("a number in (0, 1]");
        assertThat(subsample.problem(1)).isEmpty();
        assertThat(subsample.problem(0.0)).contains("must be a number in (0, 1]");
        assertThat(subsample.problem(1.0000001)).isPresent();
        assertThat(subsample.problem("0.5")).isPresent();
        assertThat(subsample.problem(true)).isPresent();

        AlgorithmParams.Param tol = AlgorithmParams.find(AlgorithmName.LOGISTIC, Task.CLASSIFICATION, "tol").orElseThrow();
        assertThat(tol.describe()).isEqualTo("a number > 0");
        assertThat(tol.problem(0)).isPresent();
        assertThat(tol.problem(Double.NaN)).isPresent();

        AlgorithmParams.Param lambda = AlgorithmParams.find(AlgorithmName.LOGISTIC, Task.CLASSIFICATION, "lambda").orElseThrow();
        assertThat(lambda.describe()).isEqualTo("a number >= 0");
        assertThat(lambda.problem(0)).isEmpty();
        assertThat(lambda.problem(Double.POSITIVE_INFINITY)).isPresent();

        AlgorithmParams.Param mtry = AlgorithmParams.find(AlgorithmName.RANDOM_FOREST, Task.REGRESSION, "mtry").orElseThrow();
        assertThat(mtry.problem(0)).isEmpty();
        assertThat(mtry.problem(-1)).contains("must be an integer >= 0");
        assertThat(mtry.problem(3.0)).isPresent();
    }

    @Test
    void everyDefaultSatisfiesItsOwnRange() {
        for (AlgorithmName algorithm : AlgorithmName.values()) {
            for (Task task : Task.values()) {
                if (algorithm.does(task)) {
                    for (AlgorithmParams.Param p : AlgorithmParams.of(algorithm, task)) {
                        assertThat(p.problem(p.defaultValue())).as(algorithm.id() + "." + p.name()).isEmpty();
                    }
                }
            }
        }
    }
}
