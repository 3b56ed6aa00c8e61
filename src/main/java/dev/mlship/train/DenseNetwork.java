package dev.mlship.train;

import dev.mlship.evaluate.Predictions;
import dev.mlship.prepare.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import smile.math.MathEx;
import smile.model.mlp.Layer;
import smile.model.mlp.MultilayerPerceptron;

/**
 * A network trained by Smile, evaluated in double precision in one fixed order.
 *
 * <p>Why not Smile's own {@code predict}: Smile 6.3 keeps MLP weights and activations in float32 and
 * multiplies them with OpenBLAS, whose summation order and fused multiply-adds depend on the CPU. No
 * double-precision ONNX graph can reproduce that within 1e-6 (a regression target near 1e9 has float
 * steps of 64), and the same weights would score differently on another machine. So the fitted weights
 * are read once, widened to double, and every unit is computed as bias + w[0]·x[0] + w[1]·x[1] + ... in
 * input order, exactly as the exported graph does. The result differs from Smile's float predict only
 * by float rounding (a relative 1e-6 or so), which tests check.
 *
 * @param layers hidden layers, then the output layer
 * @param output how the output layer's values become the prediction
 * @param scale regression only: prediction = scale * output + offset (Smile's target scaler)
 */
public record DenseNetwork(List<Dense> layers, Output output, int classes, double scale, double offset) implements FittedModel {
    public enum Activation {
        RELU,
        TANH,
        SIGMOID,
        LINEAR
    }

    /** The output layer's transform: one sigmoid unit (binary: p1), softmax, or the linear value. */
    public enum Output {
        SIGMOID,
        SOFTMAX,
        LINEAR
    }

    /** One fully connected layer: weights[unit][input]. */
    public record Dense(double[][] weights, double[] bias, Activation activation) {}

    /** Reads a trained network; {@code classes} is 0 for regression. */
    static DenseNetwork of(MultilayerPerceptron net, Activation hidden, int classes, double scale, double offset) {
        List<Dense> layers = new ArrayList<>();
        Layer[] hiddenLayers = SmileInternals.hiddenLayers(net);
        // net[0] is the input layer, which only passes x on.
        for (int i = 1; i < hiddenLayers.length; i++) {
            layers.add(dense(hiddenLayers[i], hidden));
        }
        layers.add(dense(SmileInternals.outputLayer(net), Activation.LINEAR));
        for (Dense layer : layers) {
            boolean finite = java.util.Arrays.stream(layer.bias()).allMatch(Double::isFinite)
                    && java.util.Arrays.stream(layer.weights()).flatMapToDouble(java.util.Arrays::stream).allMatch(Double::isFinite);
            if (!finite) {
                throw new TrainingDiverged("mlp training diverged (its weights became infinite or NaN): scale the inputs"
                        + " (prepare.scale: standard) or lower model.params.learning_rate");
            }
        }
        Output output = classes == 0 ? Output.LINEAR : classes == 2 ? Output.SIGMOID : Output.SOFTMAX;
        return new DenseNetwork(List.copyOf(layers), output, classes, scale, offset);
    }

    private static Dense dense(Layer layer, Activation activation) {
        int units = layer.getOutputSize();
        int inputs = layer.getInputSize();
        double[][] w = new double[units][inputs];
        double[] b = new double[units];
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < inputs; j++) {
                w[u][j] = layer.weight().get(u, j);
            }
            b[u] = layer.bias().get(u);
        }
        return new Dense(w, b, activation);
    }

    @Override
    public Object smile() {
        return this;
    }

    @Override
    public Predictions predict(FeatureMatrix x) {
        return predict(x.toRows());
    }

    @Override
    public Predictions predict(double[][] x) {
        int n = x.length;
        if (output == Output.LINEAR) {
            double[] values = new double[n];
            IntStream.range(0, n).parallel().forEach(i -> values[i] = scale * forward(x[i])[0] + offset);
            return new Predictions.Values(values);
        }
        int[] labels = new int[n];
        double[][] prob = new double[n][classes];
        IntStream.range(0, n).parallel().forEach(i -> labels[i] = posteriori(forward(x[i]), prob[i]));
        return new Predictions.Classes(labels, prob);
    }

    /** The output layer's values before the output transform. */
    double[] forward(double[] x) {
        double[] v = x;
        for (Dense layer : layers) {
            double[] next = new double[layer.bias().length];
            for (int u = 0; u < next.length; u++) {
                double sum = layer.bias()[u];
                double[] w = layer.weights()[u];
                for (int j = 0; j < v.length; j++) {
                    sum += v[j] * w[j];
                }
                next[u] = activate(layer.activation(), sum);
            }
            v = next;
        }
        return v;
    }

    /** As Smile: p1 = sigmoid and p0 = 1 - p1, or a softmax; the label is the first most probable class. */
    private int posteriori(double[] scores, double[] prob) {
        if (output == Output.SIGMOID) {
            prob[1] = MathEx.sigmoid(scores[0]);
            prob[0] = 1 - prob[1];
        } else {
            double max = Double.NEGATIVE_INFINITY;
            for (double s : scores) {
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < scores.length; c++) {
                prob[c] = Math.exp(scores[c] - max);
                sum += prob[c];
            }
            for (int c = 0; c < scores.length; c++) {
                prob[c] /= sum;
            }
        }
        return MathEx.whichMax(prob);
    }

    /** Smile's activations: relu = max(0, v); sigmoid clamps v to [-36, 36]. */
    static double activate(Activation a, double v) {
        return switch (a) {
            case RELU -> Math.max(0.0, v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> MathEx.sigmoid(v);
            case LINEAR -> v;
        };
    }
}
