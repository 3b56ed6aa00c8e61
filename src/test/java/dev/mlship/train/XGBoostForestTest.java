package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.MetricName;
import dev.mlship.config.Task;
import dev.mlship.evaluate.Metrics;
import dev.mlship.evaluate.Target;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A random forest on XGBoost's engine keeps the meaning of the forest's parameters. */
class XGBoostForestTest {
    private static final int FEATURES = 9;

    private static Params forest(Task task, Map<String, Object> overrides) {
        Map<String, Object> all = new java.util.HashMap<>(overrides);
        all.put("engine", "xgboost");
        return new Params(AlgorithmParams.resolve(AlgorithmName.RANDOM_FOREST, task, all));
    }

    /** y = 3 x0 + x1 * x2 + noise; the other six features are noise. */
    private static double[][] rows(int n, long seed, double[] y) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][FEATURES];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = 3 * x[i][0] + x[i][1] * x[i][2] + 0.3 * r.nextGaussian();
        }
        return x;
    }

    private static JsonNode trees(FittedModel model) throws Exception {
        byte[] json = ((XGBoostModel) model).booster().toByteArray("json");
        return new ObjectMapper().readTree(json).at("/learner/gradient_booster/model/trees");
    }

    @Test
    void everyLeafHoldsAtLeastMinSamplesLeafRows() throws Exception {
        double[] y = new double[1000];
        double[][] x = rows(1000, 1, y);
        FittedModel model = Trainer.fit(AlgorithmName.RANDOM_FOREST, x, new Target.Values(y),
                forest(Task.REGRESSION, Map.of("trees", 10, "min_samples_leaf", 7)), 3);
        int leaves = 0;
        for (JsonNode tree : trees(model)) {
            JsonNode left = tree.get("left_children");
            for (int node = 0; node < left.size(); node++) {
                if (left.get(node).asInt() < 0) {
                    // Squared error: each row's hessian is 1, so a leaf's hessian sum is its row count.
                    assertThat(tree.get("sum_hessian").get(node).asDouble()).isGreaterThanOrEqualTo(7);
                    leaves++;
                }
            }
        }
        assertThat(leaves).as("trees grew past their root").isGreaterThan(10 * 20);
    }

    @Test
    void binaryLeavesAlsoCountRowsThroughTheSharedHessian() throws Exception {
        double[] v = new double[1000];
        double[][] x = rows(1000, 2, v);
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            codes[i] = v[i] > 1 ? 1 : 0;
        }
        double prior = java.util.Arrays.stream(codes).average().orElseThrow();
        FittedModel model = Trainer.fit(AlgorithmName.RANDOM_FOREST, x, new Target.Classes(codes, List.of("no", "yes")),
                forest(Task.CLASSIFICATION, Map.of("trees", 10, "min_samples_leaf", 5)), 3);
        for (JsonNode tree : trees(model)) {
            JsonNode left = tree.get("left_children");
            for (int node = 0; node < left.size(); node++) {
                if (left.get(node).asInt() < 0) {
                    double rows = tree.get("sum_hessian").get(node).asDouble() / (prior * (1 - prior));
                    assertThat(rows).isGreaterThan(5 - 1e-3);
                    assertThat(rows - Math.rint(rows)).as("a whole number of rows").isCloseTo(0, within(1e-3));
                }
            }
        }
    }

    @Test
    void smileParametersMapToXGBoostTerms() {
        float[] labels = {0, 1, 1, 0};
        Map<String, Object> m = XGBoostTrainer.forestParams(forest(Task.CLASSIFICATION, Map.of("trees", 40)), 2, labels,
                FEATURES, 1);
        assertThat(m).containsEntry("num_parallel_tree", 40).containsEntry("eta", 1.0).containsEntry("subsample", 0.632)
                .containsEntry("base_score", 0.5);
        // mtry 0 on 9 features: 3 per split for classification (sqrt p), as Smile; XGBoost keeps floor(f * p).
        assertThat((int) Math.floor((double) m.get("colsample_bynode") * FEATURES)).isEqualTo(3);
        Map<String, Object> r = XGBoostTrainer.forestParams(forest(Task.REGRESSION, Map.of("subsample", 0.5, "mtry", 5)),
                0, labels, FEATURES, 1);
        assertThat(r).containsEntry("subsample", 0.5);
        assertThat((int) Math.floor((double) r.get("colsample_bynode") * FEATURES)).isEqualTo(5);
        // mtry 0 for regression: every feature at every split, as scikit-learn's forest regressor.
        Map<String, Object> all = XGBoostTrainer.forestParams(forest(Task.REGRESSION, Map.of()), 0, labels, FEATURES, 1);
        assertThat((double) all.get("colsample_bynode")).isEqualTo(1.0);
    }

    @Test
    void mtryZeroMeansRootOfFeaturesForClassesAndAllForRegressionOnBothEngines() {
        Params classes = forest(Task.CLASSIFICATION, Map.of());
        Params values = forest(Task.REGRESSION, Map.of());
        assertThat(Trainer.mtry(classes, true, 30)).isEqualTo(5);
        assertThat(Trainer.mtry(values, false, 30)).isEqualTo(30);
        assertThat(Trainer.mtry(forest(Task.REGRESSION, Map.of("mtry", 40)), false, 30)).as("at most every feature")
                .isEqualTo(30);
        assertThat(Trainer.mtry(forest(Task.REGRESSION, Map.of("mtry", 4)), false, 30)).isEqualTo(4);
    }

    @Test
    void forestFitsAsWellAsSmilesAndTheSameSeedGivesTheSameTrees() throws Exception {
        double[] y = new double[2000];
        double[][] x = rows(2000, 4, y);
        double[] yTest = new double[1000];
        double[][] test = rows(1000, 5, yTest);
        Map<String, Object> settings = Map.of("trees", 60, "min_samples_leaf", 3);
        FittedModel xgb = Trainer.fit(AlgorithmName.RANDOM_FOREST, x, new Target.Values(y),
                forest(Task.REGRESSION, settings), 9);
        FittedModel smile = Trainer.fit(AlgorithmName.RANDOM_FOREST, x, new Target.Values(y),
                new Params(AlgorithmParams.resolve(AlgorithmName.RANDOM_FOREST, Task.REGRESSION, settings)), 9);
        double r2Xgb = r2(xgb, test, yTest);
        double r2Smile = r2(smile, test, yTest);
        System.out.printf("forest R2 on held-out rows: xgboost engine %.4f, smile engine %.4f%n", r2Xgb, r2Smile);
        assertThat(r2Xgb).isGreaterThan(0.8).isCloseTo(r2Smile, within(0.03));
        FittedModel again = Trainer.fit(AlgorithmName.RANDOM_FOREST, x, new Target.Values(y),
                forest(Task.REGRESSION, settings), 9);
        assertThat(trees(again)).isEqualTo(trees(xgb));
    }

    private static double r2(FittedModel model, double[][] x, double[] y) {
        return Metrics.compute(List.of(MetricName.R2), new Target.Values(y), model.predict(x)).get(MetricName.R2);
    }
}
