package dev.mlship.train;

import java.util.Arrays;
import java.util.Locale;
import smile.math.MathEx;
import smile.math.Scaler;
import smile.model.mlp.Layer;
import smile.model.mlp.LayerBuilder;
import smile.model.mlp.MultilayerPerceptron;
import smile.model.mlp.OutputFunction;
import smile.util.function.TimeFunction;

/**
 * Fits Smile's multilayer perceptrons by mini-batch SGD. Weights start from, and every epoch's shuffle
 * comes from, Smile's generator for the calling thread, which {@link Trainer#fit} seeds: the same seed
 * gives the same network. The regression target is standardised inside the model (Smile's
 * {@link Scaler}), so targets in the millions train as well as targets near 1.
 */
final class MlpTrainer {
    private MlpTrainer() {}

    static DenseNetwork classifier(double[][] x, int[] y, int classes, Params p) {
        return DenseNetwork.of(smileClassifier(x, y, classes, p), activation(p), classes, 1, 0);
    }

    static DenseNetwork regressor(double[][] x, double[] y, Params p) {
        return DenseNetwork.of(smileRegressor(x, y, p), activation(p), 0, targetScale(y), mean(y));
    }

    static smile.classification.MLP smileClassifier(double[][] x, int[] y, int classes, Params p) {
        // Smile's binary network has one sigmoid output (p1); more classes get a softmax layer.
        LayerBuilder out = classes == 2 ? Layer.mle(1, OutputFunction.SIGMOID) : Layer.mle(classes, OutputFunction.SOFTMAX);
        var net = new smile.classification.MLP(layers(x[0].length, p, out));
        configure(net, p);
        epochs(x.length, p, rows -> net.update(pick(x, rows), pick(y, rows)));
        return net;
    }

    static smile.regression.MLP smileRegressor(double[][] x, double[] y, Params p) {
        var net = new smile.regression.MLP(targetScaler(y), layers(x[0].length, p, Layer.mse(1, OutputFunction.LINEAR)));
        configure(net, p);
        epochs(x.length, p, rows -> net.update(pick(x, rows), pick(y, rows)));
        return net;
    }

    /**
     * Smile trains on (y - offset) / scale and predicts scale * output + offset. Built here rather than by
     * Smile's standardizer so that scale and offset (private in Smile) are known exactly.
     */
    private static Scaler targetScaler(double[] y) {
        return new Scaler(targetScale(y), mean(y), false);
    }

    private static double mean(double[] y) {
        return Arrays.stream(y).average().orElse(0);
    }

    /** The population standard deviation, or 1 for a constant target. */
    private static double targetScale(double[] y) {
        double mean = mean(y);
        double sd = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length);
        return sd > 0 ? sd : 1;
    }

    private static DenseNetwork.Activation activation(Params p) {
        return DenseNetwork.Activation.valueOf(p.text("activation").toUpperCase(Locale.ROOT));
    }

    private static LayerBuilder[] layers(int inputs, Params p, LayerBuilder output) {
        int[] hidden = p.integers("hidden_layers");
        LayerBuilder[] layers = new LayerBuilder[hidden.length + 2];
        layers[0] = Layer.input(inputs);
        for (int i = 0; i < hidden.length; i++) {
            layers[i + 1] = switch (activation(p)) {
                case TANH -> Layer.tanh(hidden[i]);
                case SIGMOID -> Layer.sigmoid(hidden[i]);
                default -> Layer.rectifier(hidden[i]);
            };
        }
        layers[layers.length - 1] = output;
        return layers;
    }

    private static void configure(MultilayerPerceptron net, Params p) {
        net.setLearningRate(TimeFunction.constant(p.real("learning_rate")));
        net.setMomentum(TimeFunction.constant(p.real("momentum")));
        net.setWeightDecay(p.real("weight_decay"));
    }

    private interface Batch {
        void update(int[] rows);
    }

    /** Each epoch visits the rows in a fresh random order, batch_size rows per update. */
    private static void epochs(int n, Params p, Batch batch) {
        int size = p.integer("batch_size");
        for (int epoch = 0; epoch < p.integer("epochs"); epoch++) {
            int[] order = MathEx.permutate(n);
            for (int start = 0; start < n; start += size) {
                int count = Math.min(size, n - start);
                batch.update(Arrays.copyOfRange(order, start, start + count));
            }
        }
    }

    private static double[][] pick(double[][] x, int[] rows) {
        return Arrays.stream(rows).mapToObj(i -> x[i]).toArray(double[][]::new);
    }

    private static int[] pick(int[] y, int[] rows) {
        return Arrays.stream(rows).map(i -> y[i]).toArray();
    }

    private static double[] pick(double[] y, int[] rows) {
        return Arrays.stream(rows).mapToDouble(i -> y[i]).toArray();
    }
}
