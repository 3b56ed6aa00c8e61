package dev.mlship.onnx;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Task;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.SmileInternals;
import dev.mlship.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;
import smile.regression.RegressionTree;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows placed exactly on split thresholds must take the same branch in ONNX Runtime as in Smile. */
class SplitThresholdParityTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"DECISION_TREE, CLASSIFICATION", "RANDOM_FOREST, CLASSIFICATION", "GRADIENT_BOOSTING, CLASSIFICATION",
            "DECISION_TREE, REGRESSION", "RANDOM_FOREST, REGRESSION", "GRADIENT_BOOSTING, REGRESSION"})
    void rowsOnThresholdsAgree(AlgorithmName algorithm, Task task) {
        Table train = SyntheticData.table(400, 1, false);
        Target y = task == Task.CLASSIFICATION ? SyntheticData.classes(train, 2, 3) : SyntheticData.values(train, 1, 3);
        // No scaling: a prepared value equals the raw one, so a raw value can sit exactly on a threshold.
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES, new PrepareSpec(null, null, Scaling.NONE, null));
        Params params = new Params(AlgorithmParams.resolve(algorithm, task, Map.of()))
                .with(algorithm == AlgorithmName.DECISION_TREE ? Map.of()
                        : algorithm == AlgorithmName.RANDOM_FOREST ? Map.of("trees", 10, "engine", "smile") // Smile's trees
                        : Map.of("trees", 10));
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y, params, 7);

        List<TreeSet<Double>> thresholds = List.of(new TreeSet<>(), new TreeSet<>());
        roots(model.smile()).forEach(root -> collect(root, thresholds));
        assertThat(thresholds.get(0)).isNotEmpty();
        assertThat(thresholds.get(1)).isNotEmpty();

        Table onThresholds = SyntheticData.onThresholds(new ArrayList<>(thresholds.get(0)), new ArrayList<>(thresholds.get(1)));

        List<String> classes = y instanceof Target.Classes k ? k.names() : null;
        byte[] onnx = OnnxExporter.export("t", prep, model.smile(), classes, SyntheticData.MISSING, Map.of());
        try (OnnxModel m = OnnxModel.of(onnx)) {
            Parity p = ParityCheck.compare(model.predict(prep.transform(onThresholds)), m.score(onThresholds, ""), classes);
            assertThat(p.rows()).isEqualTo(Math.max(thresholds.get(0).size(), thresholds.get(1).size()));
        }
    }

    private static List<Node> roots(Object model) {
        List<Node> roots = new ArrayList<>();
        switch (model) {
            case DecisionTree t -> roots.add(t.root());
            case RegressionTree t -> roots.add(t.root());
            case RandomForest f -> java.util.Arrays.stream(f.models()).forEach(m -> roots.add(m.tree().root()));
            case smile.regression.RandomForest f -> java.util.Arrays.stream(f.trees()).forEach(t -> roots.add(t.root()));
            case GradientTreeBoost g -> java.util.Arrays.stream(g.trees()).flatMap(java.util.Arrays::stream).forEach(t -> roots.add(t.root()));
            case smile.regression.GradientTreeBoost g -> java.util.Arrays.stream(g.trees()).forEach(t -> roots.add(t.root()));
            default -> throw new IllegalArgumentException(model.getClass().getName());
        }
        return roots;
    }

    /** Thresholds of the two numeric features (prepared columns 0 and 1). */
    private static void collect(Node node, List<TreeSet<Double>> out) {
        if (node instanceof OrdinalNode split) {
            if (split.feature() < 2) {
                out.get(split.feature()).add(SmileInternals.splitValue(split));
            }
            collect(((InternalNode) node).trueChild(), out);
            collect(((InternalNode) node).falseChild(), out);
        }
    }
}
