package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.Task;
import dev.mlship.evaluate.Predictions;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smile.math.MathEx;

/** The double-precision network reads Smile's float weights right: it scores as Smile's own predict does. */
class DenseNetworkTest {
    private static double[][] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    private static Params params(String activation) {
        return new Params(AlgorithmParams.resolve(AlgorithmName.MLP, Task.CLASSIFICATION,
                Map.of("hidden_layers", List.of(8, 5), "activation", activation, "epochs", 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "sigmoid"})
    void classifierAgreesWithSmilesFloatNetwork(String activation) {
        double[][] x = rows(200, 1);
        for (int k : new int[] {2, 3}) {
            int[] y = new int[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i][0] + x[i][1] > 0 ? k - 1 : (x[i][2] > 0 ? 0 : k - 2);
            }
            MathEx.setSeed(3);
            var smile = MlpTrainer.smileClassifier(x, y, k, params(activation));
            var network = DenseNetwork.of(smile, DenseNetwork.Activation.valueOf(activation.toUpperCase()), k, 1, 0);
            Predictions.Classes ours = (Predictions.Classes) network.predict(x);
            for (int i = 0; i < x.length; i++) {
                double[] expected = new double[k];
                smile.predict(x[i], expected);
                // Smile computes in float32: agreement to float precision, not to the last double bit.
                for (int c = 0; c < k; c++) {
                    assertThat(ours.probabilities()[i][c]).as("row %d class %d", i, c).isCloseTo(expected[c], within(1e-5));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1e9})
    void regressorAgreesWithSmilesFloatNetwork(double yScale) {
        double[][] x = rows(200, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = yScale * (2 * x[i][0] - x[i][1] + 5);
        }
        Params p = new Params(AlgorithmParams.resolve(AlgorithmName.MLP, Task.REGRESSION, Map.of("epochs", 5)));
        MathEx.setSeed(3);
        var smile = MlpTrainer.smileRegressor(x, y, p);
        MathEx.setSeed(3);
        double[] ours = ((Predictions.Values) MlpTrainer.regressor(x, y, p).predict(x)).values();
        for (int i = 0; i < x.length; i++) {
            assertThat(ours[i]).as("row %d", i).isCloseTo(smile.predict(x[i]), within(1e-5 * yScale * 5));
        }
    }
}
