package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.mlship.train.BoosterTrees;
import java.util.List;

/**
 * Emits an XGBoost booster so that ONNX Runtime computes XGBoost's own float32 margins bit for bit:
 * the prepared features are rounded to float (XGBoost reads float32) and back to double; one
 * {@code TreeEnsemble} gives each tree's leaf as its own output column (BRANCH_LT, missing values along
 * each node's default direction), with the base margin as the first column of each group; a float
 * {@code CumSum} then adds them in tree order, in float32, as XGBoost's predictor does. A double sum of
 * the same leaves drifts by up to ~1e-5 in a margin, and by thousands in a regression output of 1e9.
 */
final class XGBoostExport {
    private static final long[] SCALAR = {};

    private XGBoostExport() {}

    /** The margins [N, groups] as double (each exactly a float32 value). */
    static String margins(Graph g, String x, BoosterTrees model) {
        return margins(g, x, model, null);
    }

    /** As {@link #margins(Graph, String, BoosterTrees)}, writing the named value (a graph output) when not null. */
    static String margins(Graph g, String x, BoosterTrees model, String output) {
        int groups = model.groups();
        int[] perGroup = new int[groups];
        model.trees().forEach(t -> perGroup[t.group()]++);
        int width = 1;
        for (int count : perGroup) {
            width = Math.max(width, count + 1);
        }
        // Column group * width holds the base margin, then the group's trees in order; a group with fewer
        // trees leaves zeros at its end, which add nothing.
        TreeEnsembleBuilder b = new TreeEnsembleBuilder(groups * width);
        for (int group = 0; group < groups; group++) {
            b.constant(model.baseMargins()[group], group * width);
        }
        int[] next = new int[groups];
        for (BoosterTrees.Tree t : model.trees()) {
            double[] values = new double[t.value().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.value()[i];
            }
            b.addLessThan(t.left(), t.right(), t.feature(), values, t.missingLeft(), t.group() * width + 1 + next[t.group()]++);
        }
        String asFloat = cast(g, x, DataType.FLOAT);
        String leaves = b.emit(g, cast(g, asFloat, DataType.DOUBLE));
        String byGroup = g.node(Op.RESHAPE, cast(g, leaves, DataType.FLOAT), g.longs(new long[] {3}, -1, groups, width));
        String sums = g.node(Op.CUM_SUM, byGroup, g.longs(SCALAR, 2));
        String last = g.node(Op.GATHER, List.of(sums, g.longs(SCALAR, width - 1)), new Graph.Attrs().i("axis", 2));
        Graph.Attrs toDouble = new Graph.Attrs().i("to", DataType.DOUBLE.getNumber());
        return output == null ? g.node(Op.CAST, List.of(last), toDouble) : g.nodeTo(Op.CAST, output, List.of(last), toDouble);
    }

    private static String cast(Graph g, String value, DataType to) {
        return g.node(Op.CAST, List.of(value), new Graph.Attrs().i("to", to.getNumber()));
    }
}
