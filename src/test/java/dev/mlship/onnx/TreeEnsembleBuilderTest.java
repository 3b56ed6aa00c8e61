package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mlship.train.SmileInternals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;
import smile.model.cart.RegressionNode;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-built trees through ONNX Runtime, for the shapes Smile's training rarely produces. */
class TreeEnsembleBuilderTest {
    private static RegressionNode leaf(double output) {
        return new RegressionNode(1, output, output, 0);
    }

    /** x0 <= split goes to the true child. */
    private static Node split(double value, Node whenLeq, Node otherwise) {
        return new OrdinalNode(0, value, 0, 0, whenLeq, otherwise);
    }

    private static double[] run(TreeEnsembleBuilder b, double... x) throws Exception {
        Graph g = new Graph("t");
        String in = g.input("x", DataType.DOUBLE, 1);
        b.emitTo(g, in, g.reserve("y"));
        g.output("y", DataType.DOUBLE, Graph.BATCH, 1L);
        byte[] bytes = g.model("test", "", Map.of()).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double[][] rows = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            rows[i][0] = x[i];
        }
        try (OrtSession s = env.createSession(bytes, new OrtSession.SessionOptions());
                OnnxTensor t = OnnxTensor.createTensor(env, rows);
                OrtSession.Result r = s.run(Map.of("x", t))) {
            double[][] y = (double[][]) r.get(0).getValue();
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i][0];
            }
            return out;
        }
    }

    /** What Smile's tree gives for one value of feature 0. */
    private static double eval(Node n, double x) {
        while (n instanceof OrdinalNode s) {
            n = x <= SmileInternals.splitValue(s) ? s.trueChild() : s.falseChild();
        }
        return ((RegressionNode) n).output();
    }

    @Test
    void aRootWhoseLeafIdEqualsItsNodeIdStillBranches() throws Exception {
        // Tree 1 takes node 0 and leaves 0 and 1. Tree 2's root is node 1: its true child would be leaf 2
        // and its false child node 2, the same id, which ONNX Runtime reads as "the root is a leaf".
        Node first = split(0.5, leaf(1), leaf(2));
        Node second = split(5, leaf(10), split(7, leaf(100), leaf(1000)));
        TreeEnsembleBuilder b = new TreeEnsembleBuilder(1).add(first, 0, l -> ((RegressionNode) l).output())
                .add(second, 0, l -> ((RegressionNode) l).output());
        assertThat(run(b, 0, 6, 9)).containsExactly(1 + 10, 2 + 100, 2 + 1000);
    }

    @Test
    void treesOfEveryShapeSumAsSmileWouldHaveThem() throws Exception {
        List<Node> trees = List.of(
                split(0.5, leaf(1), split(2, leaf(2), leaf(3))),
                split(1.5, split(0.5, leaf(10), leaf(20)), leaf(30)),
                leaf(100),
                split(2.5, leaf(1000), split(3.5, leaf(2000), leaf(3000))),
                split(0.5, leaf(10000), leaf(20000)),
                split(3, leaf(1e5), leaf(2e5)));
        TreeEnsembleBuilder b = new TreeEnsembleBuilder(1).constant(0.25, 0);
        trees.forEach(t -> b.add(t, 0, l -> ((RegressionNode) l).output()));
        double[] x = {0, 1, 2, 3, 4};
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = 0.25;
            for (Node t : trees) {
                expected[i] += eval(t, x[i]);
            }
        }
        // Quarters and whole numbers below 2^53 add exactly in any order, so bit equality holds on every CPU.
        assertThat(run(b, x)).containsExactly(expected);
    }
}
