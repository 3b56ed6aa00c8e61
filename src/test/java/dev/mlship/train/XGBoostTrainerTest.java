package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.MetricName;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Strategy;
import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.ColumnType;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Metrics;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** XGBoost's own behaviour through mlship: depth, missing values, early stopping, float32 input. */
class XGBoostTrainerTest {
    private static Params params(Task task, Map<String, Object> overrides) {
        return new Params(AlgorithmParams.resolve(AlgorithmName.XGBOOST, task, overrides));
    }

    /** A numeric column whose missingness carries the class, a categorical one, and noise. */
    private static Table rows(int n, long seed, int[] y) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] signal = new double[n];
        double[] noise = new double[n];
        int[] colour = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            // Class 1 is often missing, class 0 never: only a model that sees NaN can use that.
            signal[i] = y[i] == 1 && r.nextInt(3) > 0 ? Double.NaN : r.nextGaussian();
            noise[i] = r.nextGaussian();
            colour[i] = r.nextInt(8) == 0 ? CategoricalColumn.MISSING : (y[i] + r.nextInt(3)) % 3;
        }
        return new Table(List.of(new NumericColumn("signal", signal), new NumericColumn("noise", noise),
                new CategoricalColumn("colour", ColumnType.CATEGORICAL, colour, List.of("red", "green", "blue"))), n);
    }

    private static double auc(Strategy impute, Map<String, Object> overrides) {
        int[] y = new int[800];
        int[] yTest = new int[400];
        Table train = rows(800, 1, y);
        Table test = rows(400, 2, yTest);
        List<String> names = List.of("a", "b");
        FittedPreprocessor prep = Preprocessor.fit(train, List.of("signal", "noise", "colour"),
                new PrepareSpec(new ImputeSpec(impute, null, null, null), null, null, null));
        FittedModel model = Trainer.fit(AlgorithmName.XGBOOST, prep, train, new Target.Classes(y, names),
                params(Task.CLASSIFICATION, overrides), 5);
        return Metrics.compute(List.of(MetricName.AUC), new Target.Classes(yTest, names), model.predict(prep, test))
                .get(MetricName.AUC);
    }

    @Test
    void missingValuesReachXGBoostAsNaNAndItLearnsFromThem() {
        assertThat(auc(Strategy.NONE, Map.of("n_estimators", 30, "max_depth", 3))).isGreaterThan(0.8);
        // One split: NaN can go its own way, while a median fill lands among the present values.
        Map<String, Object> stump = Map.of("n_estimators", 1, "max_depth", 1);
        assertThat(auc(Strategy.NONE, stump)).isGreaterThan(auc(Strategy.MEDIAN, stump) + 0.05);
    }

    @Test
    void maxDepthOneIsASingleSplit() {
        double[] y = new double[300];
        double[][] x = new double[300][2];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextDouble();
            x[i][1] = r.nextDouble();
            y[i] = 3 * x[i][0] + x[i][1];
        }
        Params stump = params(Task.REGRESSION, Map.of("max_depth", 1, "n_estimators", 1, "learning_rate", 1.0));

        double[] out = ((Predictions.Values) Trainer.fit(AlgorithmName.XGBOOST, x, new Target.Values(y), stump, 1).predict(x))
                .values();

        assertThat(Arrays.stream(out).distinct().count()).isEqualTo(2);
    }

    @Test
    void earlyStoppingKeepsTheRoundsUpToTheBestAndIsDeterministic() {
        double[] y = new double[600];
        double[][] x = new double[600][3];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = x[i][0] + r.nextGaussian();
        }
        Params p = params(Task.REGRESSION, Map.of("n_estimators", 1000, "early_stopping_rounds", 5, "learning_rate", 0.3));

        XGBoostModel first = (XGBoostModel) Trainer.fit(AlgorithmName.XGBOOST, x, new Target.Values(y), p, 9);
        XGBoostModel again = (XGBoostModel) Trainer.fit(AlgorithmName.XGBOOST, x, new Target.Values(y), p, 9);

        assertThat(first.rounds()).isBetween(1, 100);
        assertThat(again.rounds()).isEqualTo(first.rounds());
        assertThat(((BoosterTrees) first.smile()).trees()).hasSize(first.rounds());
        assertThat(((Predictions.Values) first.predict(x)).values())
                .containsExactly(((Predictions.Values) again.predict(x)).values());
    }

    @Test
    void holdOutIsASeededShareOfTheRows() {
        int[][] parts = XGBoostTrainer.holdOut(1000, 0.1, 42);

        assertThat(parts[1]).hasSize(100);
        assertThat(parts[0]).hasSize(900).doesNotContain(parts[1]);
        assertThat(XGBoostTrainer.holdOut(1000, 0.1, 42)[1]).containsExactly(parts[1]);
        assertThat(XGBoostTrainer.holdOut(1000, 0.1, 43)[1]).isNotEqualTo(parts[1]);
        assertThat(XGBoostTrainer.holdOut(2, 0.1, 1)[0]).hasSize(1);
    }

    @Test
    void paramsUseXGBoostsNamesHistAndEveryCore() {
        Params p = params(Task.CLASSIFICATION, Map.of("learning_rate", 0.05, "reg_lambda", 2.0));

        Map<String, Object> m = XGBoostTrainer.params(p, 3, 11);

        assertThat(m).containsEntry("tree_method", "hist").containsEntry("objective", "multi:softprob")
                .containsEntry("num_class", 3).containsEntry("eta", 0.05).containsEntry("lambda", 2.0)
                .containsEntry("seed", 11L).containsEntry("nthread", Runtime.getRuntime().availableProcessors())
                .doesNotContainKey("scale_pos_weight");
        assertThat(XGBoostTrainer.params(params(Task.CLASSIFICATION, Map.of()), 2, 1))
                .containsEntry("objective", "binary:logistic").containsEntry("scale_pos_weight", 1.0);
        assertThat(XGBoostTrainer.params(params(Task.REGRESSION, Map.of()), 0, 1)).containsEntry("objective", "reg:squarederror");
    }

    @Test
    void floatRowsAreTheDoubleMatrixRoundedToFloatBlockByBlock() {
        int[] y = new int[50];
        Table t = rows(50, 6, y);
        FittedPreprocessor prep = Preprocessor.fit(t, List.of("signal", "noise", "colour"),
                new PrepareSpec(new ImputeSpec(Strategy.NONE, null, null, null), null, null, null));
        double[][] x = prep.transform(t);
        int w = prep.outputNames().size();
        float[] expected = new float[50 * w];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < w; j++) {
                expected[i * w + j] = (float) x[i][j];
            }
        }

        // Blocks of 7 rows reuse one buffer, and the last block is partial: one-hot ones of a block must not leak.
        assertThat(written(FloatRows.of(prep, t), 7)).containsExactly(expected);
        assertThat(written(FloatRows.of(x), 50)).containsExactly(expected);
        assertThat(expected).contains(Float.NaN);

        FloatRows picked = FloatRows.of(prep, t).select(new int[] {10, 20, 30, 40}).select(new int[] {3, 0, 3});
        float[] rows403 = new float[3 * w];
        System.arraycopy(expected, 40 * w, rows403, 0, w);
        System.arraycopy(expected, 10 * w, rows403, w, w);
        System.arraycopy(expected, 40 * w, rows403, 2 * w, w);
        assertThat(written(picked, 2)).containsExactly(rows403);
    }

    @Test
    void predictionsInBlocksMatchPredictionsOfEachRowAlone() {
        int[] y = new int[300];
        Table t = rows(300, 6, y);
        FittedPreprocessor prep = Preprocessor.fit(t, List.of("signal", "noise", "colour"),
                new PrepareSpec(new ImputeSpec(Strategy.NONE, null, null, null), null, null, null));
        XGBoostModel model = XGBoostTrainer.fit(FloatRows.of(prep, t), new Target.Classes(y, List.of("a", "b")), params(Task.CLASSIFICATION,
                Map.of("n_estimators", 10)), 3);
        // A table larger than one prediction block: 300 rows repeated.
        int width = prep.outputNames().size();
        int n = FloatRows.BLOCK_CELLS / width + 301;
        int[] repeat = new int[n];
        for (int i = 0; i < n; i++) {
            repeat[i] = i % 300;
        }
        FloatRows big = FloatRows.of(prep, t).select(repeat);

        double[][] all = ((Predictions.Classes) model.predict(big)).probabilities();

        assertThat(all.length).isEqualTo(n);
        // Rows on both sides of the first block's end, the last row, and a spread between. XGBoost adds a
        // row's trees in one fixed order whatever the batch, so the same booster must give the same bits.
        int firstBlock = big.blockRows();
        int[] sample = {0, 1, 150, 299, firstBlock - 2, firstBlock - 1, firstBlock, firstBlock + 1, n / 2, n - 2, n - 1};
        for (int i : sample) {
            double[][] alone = ((Predictions.Classes) model.predict(big.select(new int[] {i}))).probabilities();
            assertThat(alone).as("row %d alone", i).hasNumberOfRows(1);
            assertThat(all[i]).as("row %d in its block vs alone", i).containsExactly(alone[0]);
        }
    }

    private static float[] written(FloatRows rows, int blockRows) {
        float[] all = new float[rows.rows() * rows.cols()];
        float[] block = new float[blockRows * rows.cols()];
        for (int from = 0; from < rows.rows(); from += blockRows) {
            int count = Math.min(blockRows, rows.rows() - from);
            java.util.Arrays.fill(block, 99f);
            rows.write(from, count, block);
            System.arraycopy(block, 0, all, from * rows.cols(), count * rows.cols());
        }
        return all;
    }
}
