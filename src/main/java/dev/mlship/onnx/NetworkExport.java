package dev.mlship.onnx;

import dev.mlship.train.DenseNetwork;
import java.util.List;

/**
 * Emits a {@link DenseNetwork}: each layer as bias + x[:,0]·w[0] + x[:,1]·w[1] + ... in input order (the
 * order its Java forward pass uses, so sums agree to the bit), then the layer's activation.
 */
final class NetworkExport {
    private NetworkExport() {}

    /** Writes the probabilities and returns the class index [N]. */
    static String classifier(Graph g, String x, DenseNetwork net, String probabilities) {
        String scores = hidden(g, x, net);
        if (net.output() == DenseNetwork.Output.SIGMOID) {
            // Smile's sigmoid clamps its argument to [-36, 36]; p0 = 1 - p1; the class is the first maximum.
            String clamped = g.node(Op.CLIP, List.of(scores, g.doubles(ModelExport.SCALAR, -36.0),
                    g.doubles(ModelExport.SCALAR, 36.0)), new Graph.Attrs());
            String p1 = g.node(Op.SIGMOID, clamped);
            String p0 = g.node(Op.SUB, g.doubles(ModelExport.SCALAR, 1.0), p1);
            ModelExport.concat(g, probabilities, p0, p1);
        } else {
            g.nodeTo(Op.SOFTMAX, probabilities, List.of(scores), new Graph.Attrs().i("axis", 1));
        }
        return ModelExport.argMax(g, probabilities);
    }

    /** Writes the regression prediction: scale * output + offset. */
    static void regressor(Graph g, String x, DenseNetwork net, String prediction) {
        String scaled = g.node(Op.MUL, g.doubles(ModelExport.SCALAR, net.scale()), hidden(g, x, net));
        g.nodeTo(Op.ADD, prediction, List.of(scaled, g.doubles(ModelExport.SCALAR, net.offset())), new Graph.Attrs());
    }

    /** Every layer with its activation; the output layer's activation is linear. */
    private static String hidden(Graph g, String x, DenseNetwork net) {
        String v = x;
        for (DenseNetwork.Dense layer : net.layers()) {
            String sum = ModelExport.affine(g, v, transpose(layer.weights()), layer.bias());
            v = switch (layer.activation()) {
                case RELU -> g.node(Op.RELU, sum);
                case TANH -> g.node(Op.TANH, sum);
                case SIGMOID -> g.node(Op.SIGMOID, g.node(Op.CLIP, List.of(sum, g.doubles(ModelExport.SCALAR, -36.0),
                        g.doubles(ModelExport.SCALAR, 36.0)), new Graph.Attrs()));
                case LINEAR -> sum;
            };
        }
        return v;
    }

    /** [unit][input] to [input][unit], the shape the affine helper takes. */
    private static double[][] transpose(double[][] w) {
        double[][] t = new double[w[0].length][w.length];
        for (int u = 0; u < w.length; u++) {
            for (int j = 0; j < w[u].length; j++) {
                t[j][u] = w[u][j];
            }
        }
        return t;
    }
}
