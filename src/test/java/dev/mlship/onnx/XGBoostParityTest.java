package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.PrepareSpec.Strategy;
import dev.mlship.config.Task;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.BoosterTrees;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * XGBoost exported to ONNX against XGBoost's own predictions: every label the same, every probability
 * and regression output within 1e-6 (the float32 margins come out bit for bit). Data with a categorical
 * column, missing values left as NaN for XGBoost (impute none) or imputed, and a category never seen.
 */
class XGBoostParityTest {
    private static Target target(Table t, int k, double yScale) {
        return k == 0 ? SyntheticData.values(t, yScale, 3) : SyntheticData.classes(t, k, 3);
    }

    private static Params params(int k, Map<String, Object> overrides) {
        return new Params(AlgorithmParams.resolve(AlgorithmName.XGBOOST, k == 0 ? Task.REGRESSION : Task.CLASSIFICATION,
                overrides));
    }

    private static Parity parity(FittedPreprocessor prep, FittedModel model, Table rows, List<String> classes) {
        byte[] onnx = OnnxExporter.export("t", prep, model.smile(), classes, SyntheticData.MISSING, Map.of());
        try (OnnxModel m = OnnxModel.of(onnx)) {
            return ParityCheck.compare(model.predict(prep, rows), m.score(rows, ""), classes);
        }
    }

    @ParameterizedTest(name = "classes={0} impute={1} scale={2} y*{3} {4}")
    @CsvSource({
        "2, NONE, NONE, 1, max_depth=4",
        "2, MEDIAN, STANDARD, 1, max_depth=3",
        "3, NONE, STANDARD, 1, max_depth=4",
        "3, MEAN, MINMAX, 1, max_depth=2",
        "0, NONE, NONE, 1, max_depth=5",
        "0, NONE, STANDARD, 1e9, max_depth=4",
        "0, MEDIAN, NONE, 1e9, max_depth=6",
        "2, NONE, STANDARD, 1, early_stopping_rounds=3",
        "3, NONE, NONE, 1, early_stopping_rounds=3",
        "0, NONE, NONE, 1e9, early_stopping_rounds=3",
        "2, NONE, NONE, 1, grow_policy=lossguide",
    })
    void onnxRuntimeReproducesXGBoost(int k, Strategy impute, Scaling scaling, double yScale, String setting) {
        Table train = SyntheticData.table(500, 1, false);
        Table test = SyntheticData.table(400, 2, true);
        Target y = target(train, k, yScale);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES,
                new PrepareSpec(new ImputeSpec(impute, null, null, null), null, scaling, null));
        String[] kv = setting.split("=");
        Map<String, Object> overrides = kv[0].equals("grow_policy")
                ? Map.of("grow_policy", kv[1], "max_leaves", 7, "n_estimators", 40)
                : kv[0].equals("early_stopping_rounds")
                        ? Map.of("early_stopping_rounds", Integer.parseInt(kv[1]), "n_estimators", 500, "learning_rate", 0.5)
                        : Map.of(kv[0], Integer.parseInt(kv[1]), "n_estimators", 60, "subsample", 0.8, "colsample_bytree", 0.8);
        FittedModel model = Trainer.fit(AlgorithmName.XGBOOST, prep, train, y, params(k, overrides), 7);
        BoosterTrees trees = (BoosterTrees) model.smile();
        List<String> classes = y instanceof Target.Classes c ? c.names() : null;

        Parity p = parity(prep, model, test, classes);

        System.out.printf(Locale.ROOT,
                "xgboost parity classes=%d impute=%s y*%s %s: %d rows, labels %.0f %%, max abs diff %.3g, %d trees%n",
                k, impute, yScale, setting, p.rows(), 100 * p.labelAgreement(), p.maxAbsDiff(), trees.trees().size());
        assertThat(p.rows()).isEqualTo(400); // parity() threw on any disagreement beyond ties
        int groups = k == 3 ? 3 : 1;
        if (kv[0].equals("early_stopping_rounds")) {
            // Stopped early: fewer rounds than asked, and the export holds the same rounds as the predictions.
            assertThat(trees.trees().size()).isLessThan(500 * groups).isPositive();
            assertThat(model.fitNote()).isEqualTo("early stopping kept " + trees.trees().size() / groups + " of 500 rounds");
        }
        if (impute == Strategy.NONE) {
            // Missing values reached XGBoost as NaN: some splits learned to send them left.
            assertThat(trees.trees().stream().anyMatch(t -> anyMissingLeft(t))).isTrue();
        }
    }

    /**
     * A random forest grown by XGBoost (one round of parallel trees) exports as XGBoost's boosters do: the
     * same labels, probabilities within 1e-6, with missing values sent the way each split learned.
     */
    @ParameterizedTest(name = "classes={0} impute={1}")
    @CsvSource({"2, NONE", "3, NONE", "0, NONE", "2, MEDIAN", "0, MEAN"})
    void onnxRuntimeReproducesARandomForestGrownByXGBoost(int k, Strategy impute) {
        Table train = SyntheticData.table(600, 1, false);
        Table test = SyntheticData.table(400, 2, true);
        Target y = target(train, k, 1);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES,
                new PrepareSpec(new ImputeSpec(impute, null, null, null), null, Scaling.NONE, null));
        Params forest = new Params(AlgorithmParams.resolve(AlgorithmName.RANDOM_FOREST,
                k == 0 ? Task.REGRESSION : Task.CLASSIFICATION, Map.of("engine", "xgboost", "trees", 25)));
        FittedModel model = Trainer.fit(AlgorithmName.RANDOM_FOREST, prep, train, y, forest, 7);
        BoosterTrees trees = (BoosterTrees) model.smile();
        List<String> classes = y instanceof Target.Classes c ? c.names() : null;

        Parity p = parity(prep, model, test, classes);

        assertThat(p.rows()).isEqualTo(400); // parity() threw on any disagreement beyond ties
        assertThat(trees.trees()).hasSize(25 * (k == 3 ? 3 : 1));
    }

    /** More rows than one block of ONNX Runtime scoring (and of XGBoost's predictions): blocks join in order. */
    @ParameterizedTest(name = "classes={0}")
    @CsvSource({"3", "0"})
    void blocksOfRowsJoinInOrder(int k) {
        Table train = SyntheticData.table(500, 1, false);
        Table test = SyntheticData.table(2 * OnnxModel.SCORE_BLOCK_ROWS + 7, 2, true);
        Target y = target(train, k, 1);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES,
                new PrepareSpec(new ImputeSpec(Strategy.NONE, null, null, null), null, Scaling.STANDARD, null));
        FittedModel model = Trainer.fit(AlgorithmName.XGBOOST, prep, train, y, params(k, Map.of("n_estimators", 20)), 7);
        List<String> classes = y instanceof Target.Classes c ? c.names() : null;

        Parity p = parity(prep, model, test, classes);

        assertThat(p.rows()).isEqualTo(test.rows()); // parity() threw on any disagreement beyond ties
    }

    private static boolean anyMissingLeft(BoosterTrees.Tree t) {
        for (int i = 0; i < t.left().length; i++) {
            if (!t.isLeaf(i) && t.missingLeft()[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rows whose values sit exactly on XGBoost's thresholds: XGBoost sends them right (strictly less
     * goes left); the graph must too. With BRANCH_LEQ in the export this test fails.
     */
    @ParameterizedTest(name = "classes={0}")
    @CsvSource({"2", "3", "0"})
    void rowsOnThresholdsAgree(int k) {
        Table train = SyntheticData.table(500, 1, false);
        Target y = target(train, k, 1);
        // No scaling: a prepared value equals the raw one, so a raw value can sit exactly on a threshold.
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES,
                new PrepareSpec(new ImputeSpec(Strategy.NONE, null, null, null), null, Scaling.NONE, null));
        FittedModel model = Trainer.fit(AlgorithmName.XGBOOST, prep, train, y, params(k, Map.of("n_estimators", 30)), 7);
        BoosterTrees trees = (BoosterTrees) model.smile();
        List<TreeSet<Float>> thresholds = List.of(new TreeSet<>(), new TreeSet<>());
        for (BoosterTrees.Tree t : trees.trees()) {
            for (int i = 0; i < t.left().length; i++) {
                if (!t.isLeaf(i) && t.feature()[i] < 2) {
                    thresholds.get(t.feature()[i]).add(t.value()[i]);
                }
            }
        }
        assertThat(thresholds.get(0)).isNotEmpty();
        assertThat(thresholds.get(1)).isNotEmpty();
        Table onThresholds = SyntheticData.onThresholds(new ArrayList<>(thresholds.get(0)), new ArrayList<>(thresholds.get(1)));
        List<String> classes = y instanceof Target.Classes t ? t.names() : null;

        Parity p = parity(prep, model, onThresholds, classes);

        assertThat(p.rows()).isEqualTo(Math.max(thresholds.get(0).size(), thresholds.get(1).size()));
    }
}
