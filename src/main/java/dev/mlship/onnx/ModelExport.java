package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.mlship.train.BoosterTrees;
import dev.mlship.train.DenseNetwork;
import dev.mlship.train.PlattSvm;
import dev.mlship.train.SmileInternals;
import java.util.List;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.OneVersusOne;
import smile.classification.OneVersusRest;
import smile.classification.RandomForest;
import smile.model.cart.CART;
import smile.model.cart.DecisionNode;
import smile.model.cart.RegressionNode;
import smile.regression.LinearModel;
import smile.regression.RegressionTree;

/**
 * Emits a Smile model over the prepared matrix, computing what Smile's own {@code predict} /
 * {@code posteriori} compute, in the same double arithmetic where the operators allow it.
 */
final class ModelExport {
    static final String LABEL = "label";
    static final String PROBABILITIES = "probabilities";
    static final String PREDICTION = "prediction";

    static final long[] SCALAR = {};

    private ModelExport() {}

    /** Writes the graph outputs {@code label} [N] and {@code probabilities} [N, k] for a classifier. */
    static void classifier(Graph g, String x, Object model, List<String> classes, int p) {
        int k = classes.size();
        String probabilities = g.reserve(PROBABILITIES);
        String label = g.reserve(LABEL);
        String index = switch (model) {
            case LogisticRegression.Binomial m -> {
                String f = g.node(Op.SIGMOID, affine(g, x, column(m.coefficients(), p), new double[] {m.coefficients()[p]}));
                String p0 = g.node(Op.SUB, g.doubles(SCALAR, 1.0), f);
                concat(g, probabilities, p0, f);
                // Smile: class 1 when f >= 0.5 (a tie at 0.5 goes to class 1, unlike ArgMax).
                yield toIndex(g, g.node(Op.GREATER_OR_EQUAL, f, g.doubles(SCALAR, 0.5)));
            }
            case LogisticRegression.Multinomial m -> {
                // Smile scores the last class as 0: a zero column in the weights gives exactly that.
                double[][] w = m.coefficients();
                double[][] weights = new double[p][k];
                double[] bias = new double[k];
                for (int c = 0; c < k - 1; c++) {
                    for (int j = 0; j < p; j++) {
                        weights[j][c] = w[c][j];
                    }
                    bias[c] = w[c][p];
                }
                String scores = affine(g, x, weights, bias);
                g.nodeTo(Op.SOFTMAX, probabilities, List.of(scores), new Graph.Attrs().i("axis", 1));
                yield argMax(g, probabilities);
            }
            case DecisionTree t -> {
                TreeEnsembleBuilder b = new TreeEnsembleBuilder(k);
                for (int c = 0; c < k; c++) {
                    int cls = c;
                    b.add(t.root(), c, leaf -> ((DecisionNode) leaf).posteriori(new double[k])[cls]);
                }
                b.emitTo(g, x, probabilities);
                yield argMax(g, probabilities);
            }
            case RandomForest f -> {
                // Smile: posteriori = sum of weight * leaf posteriori over trees, then divided by its sum.
                TreeEnsembleBuilder b = new TreeEnsembleBuilder(k);
                for (RandomForest.Model m : f.models()) {
                    double weight = m.weight();
                    for (int c = 0; c < k; c++) {
                        int cls = c;
                        b.add(m.tree().root(), c, leaf -> weight * ((DecisionNode) leaf).posteriori(new double[k])[cls]);
                    }
                }
                String sums = b.emit(g, x);
                String total = g.node(Op.REDUCE_SUM, List.of(sums, g.longs(new long[] {1}, 1)), new Graph.Attrs().i("keepdims", 1));
                g.nodeTo(Op.DIV, probabilities, List.of(sums, total), new Graph.Attrs());
                yield argMax(g, probabilities);
            }
            case GradientTreeBoost gbt -> boosted(g, x, gbt, k, probabilities);
            case DenseNetwork net -> NetworkExport.classifier(g, x, net, probabilities);
            case PlattSvm svm -> SvmExport.binary(g, x, svm, probabilities);
            case OneVersusRest<?> ovr -> SvmExport.oneVersusRest(g, x, ovr, k, probabilities);
            case OneVersusOne<?> ovo -> SvmExport.oneVersusOne(g, x, ovo, k, probabilities);
            case BoosterTrees xgb -> xgboost(g, x, xgb, probabilities);
            default -> throw new ExportException("cannot export a " + model.getClass().getName() + " classifier to ONNX");
        };
        g.nodeTo(Op.GATHER, label, List.of(g.strings(new long[] {k}, classes), index), new Graph.Attrs().i("axis", 0));
        g.output(LABEL, DataType.STRING, Graph.BATCH);
        g.output(PROBABILITIES, DataType.DOUBLE, Graph.BATCH, (long) k);
    }

    private static String boosted(Graph g, String x, GradientTreeBoost gbt, int k, String probabilities) {
        double shrinkage = SmileInternals.shrinkage(gbt);
        RegressionTree[][] trees = gbt.trees();
        if (k == 2) {
            // Smile: y = b + sum(shrinkage * tree); p0 = 1 / (1 + exp(2y)); class 1 when y > 0.
            // The intercept goes in as the first tree, so the sum runs in Smile's order.
            TreeEnsembleBuilder b = new TreeEnsembleBuilder(1).constant(SmileInternals.intercept(gbt), 0);
            for (RegressionTree t : trees[0]) {
                b.add(t.root(), 0, leaf -> shrinkage * ((RegressionNode) leaf).output());
            }
            String y = b.emit(g, x);
            String p0 = g.node(Op.SIGMOID, g.node(Op.MUL, y, g.doubles(SCALAR, -2.0)));
            String p1 = g.node(Op.SUB, g.doubles(SCALAR, 1.0), p0);
            concat(g, probabilities, p0, p1);
            return toIndex(g, g.node(Op.GREATER, y, g.doubles(SCALAR, 0.0)));
        }
        // Smile: one score per class, softmax; the class is the first highest score.
        TreeEnsembleBuilder b = new TreeEnsembleBuilder(k);
        for (int c = 0; c < k; c++) {
            for (RegressionTree t : trees[c]) {
                b.add(t.root(), c, leaf -> shrinkage * ((RegressionNode) leaf).output());
            }
        }
        String scores = b.emit(g, x);
        g.nodeTo(Op.SOFTMAX, probabilities, List.of(scores), new Graph.Attrs().i("axis", 1));
        return argMax(g, scores);
    }

    /** XGBoost: sigmoid (class 1 when the margin is above 0) or softmax (the first highest margin). */
    private static String xgboost(Graph g, String x, BoosterTrees xgb, String probabilities) {
        String margins = XGBoostExport.margins(g, x, xgb);
        if (xgb.link() == BoosterTrees.Link.LOGISTIC) {
            String p1 = g.node(Op.SIGMOID, margins);
            concat(g, probabilities, g.node(Op.SUB, g.doubles(SCALAR, 1.0), p1), p1);
            return toIndex(g, g.node(Op.GREATER, margins, g.doubles(SCALAR, 0.0)));
        }
        g.nodeTo(Op.SOFTMAX, probabilities, List.of(margins), new Graph.Attrs().i("axis", 1));
        return argMax(g, margins);
    }

    /** Writes the graph output {@code prediction} [N, 1] for a regression model. */
    static void regressor(Graph g, String x, Object model, int p) {
        String prediction = g.reserve(PREDICTION);
        switch (model) {
            case LinearModel m -> {
                // Smile: y = intercept + sum of x_i * w_i, in that order.
                affineTo(g, x, column(m.coefficients().toArray(new double[0]), p), new double[] {m.intercept()}, prediction);
            }
            case DenseNetwork net -> NetworkExport.regressor(g, x, net, prediction);
            case RegressionTree t -> {
                new TreeEnsembleBuilder(1).add(t.root(), 0, leaf -> ((RegressionNode) leaf).output()).emitTo(g, x, prediction);
            }
            case smile.regression.RandomForest f -> {
                // Smile: the plain mean of the trees.
                TreeEnsembleBuilder b = new TreeEnsembleBuilder(1);
                for (CART t : f.trees()) {
                    b.add(t.root(), 0, leaf -> ((RegressionNode) leaf).output());
                }
                g.nodeTo(Op.DIV, prediction, List.of(b.emit(g, x), g.doubles(SCALAR, f.trees().length)),
                        new Graph.Attrs());
            }
            case smile.regression.GradientTreeBoost gbt -> {
                // Smile: y = b, then y += shrinkage * tree for each tree; the intercept is the first tree here.
                double shrinkage = SmileInternals.shrinkage(gbt);
                TreeEnsembleBuilder b = new TreeEnsembleBuilder(1).constant(SmileInternals.intercept(gbt), 0);
                for (CART t : gbt.trees()) {
                    b.add(t.root(), 0, leaf -> shrinkage * ((RegressionNode) leaf).output());
                }
                b.emitTo(g, x, prediction);
            }
            case BoosterTrees xgb -> XGBoostExport.margins(g, x, xgb, prediction);
            default -> throw new ExportException("cannot export a " + model.getClass().getName() + " regression model to ONNX");
        }
        g.output(PREDICTION, DataType.DOUBLE, Graph.BATCH, 1L);
    }

    /**
     * bias + x[:,0] * w[0,:] + x[:,1] * w[1,:] + ..., each product and sum a separate double operation in
     * this order, as Smile's dot products run; a MatMul would add in another order and drift by some
     * ulps, which at large magnitudes exceeds the parity tolerance.
     */
    static String affine(Graph g, String x, double[][] weights, double[] bias) {
        return affineTo(g, x, weights, bias, null);
    }

    /** As {@link #affine}, writing the named value when {@code output} is not null. */
    static String affineTo(Graph g, String x, double[][] weights, double[] bias, String output) {
        int c = bias.length;
        String sum = g.doubles(new long[] {c}, bias);
        for (int j = 0; j < weights.length; j++) {
            String column = g.node(Op.GATHER, List.of(x, g.longs(new long[] {1}, j)), new Graph.Attrs().i("axis", 1));
            List<String> terms = List.of(sum, g.node(Op.MUL, column, g.doubles(new long[] {1, c}, weights[j])));
            boolean last = j == weights.length - 1;
            sum = last && output != null ? g.nodeTo(Op.ADD, output, terms, new Graph.Attrs())
                    : g.node(Op.ADD, terms, new Graph.Attrs());
        }
        return sum;
    }

    static double[][] column(double[] w, int p) {
        double[][] col = new double[p][1];
        for (int j = 0; j < p; j++) {
            col[j][0] = w[j];
        }
        return col;
    }

    static void concat(Graph g, String output, String a, String b) {
        g.nodeTo(Op.CONCAT, output, List.of(a, b), new Graph.Attrs().i("axis", 1));
    }

    /** ArgMax over classes: the first highest, as Smile's whichMax. Returns [N] int64. */
    static String argMax(Graph g, String scores) {
        return g.node(Op.ARG_MAX, List.of(scores), new Graph.Attrs().i("axis", 1).i("keepdims", 0));
    }

    /** A boolean [N, 1] decision as [N] int64 class indexes. */
    static String toIndex(Graph g, String decision) {
        String asLong = g.node(Op.CAST, List.of(decision), new Graph.Attrs().i("to", DataType.INT64.getNumber()));
        return g.node(Op.RESHAPE, asLong, g.longs(new long[] {1}, -1));
    }
}
