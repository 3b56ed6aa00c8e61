package dev.mlship.onnx;

import dev.mlship.train.SmileInternals;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import smile.model.cart.InternalNode;
import smile.model.cart.LeafNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;

/**
 * Flattens trees into the attributes of one ai.onnx.ml opset-5 {@code TreeEnsemble} node. Its
 * thresholds and leaf weights are doubles. Smile's splits are BRANCH_LEQ (x <= value goes to the true
 * child) and XGBoost's BRANCH_LT (x < value), each as its own library decides, so a value exactly on a
 * threshold takes the same branch in both; XGBoost's missing values follow each node's default direction.
 */
final class TreeEnsembleBuilder {
    private static final byte BRANCH_LEQ = 0;
    private static final byte BRANCH_LT = 1;
    private static final long AGGREGATE_SUM = 1;

    private final List<Long> featureIds = new ArrayList<>();
    private final List<Byte> modes = new ArrayList<>();
    private final List<Long> missingTrue = new ArrayList<>();
    private final List<Double> splits = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> trueLeafs = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();
    private final List<Long> falseLeafs = new ArrayList<>();
    private final List<Long> leafTargets = new ArrayList<>();
    private final List<Double> leafWeights = new ArrayList<>();
    private final List<Long> roots = new ArrayList<>();
    private final int targets;

    TreeEnsembleBuilder(int targets) {
        this.targets = targets;
    }

    /** Adds one tree whose leaves contribute {@code weight(leaf)} to one target (summed over trees). */
    TreeEnsembleBuilder add(Node root, int target, ToDoubleFunction<LeafNode> weight) {
        int nodeStart = featureIds.size();
        int leafStart = leafWeights.size();
        if (root instanceof LeafNode leaf) {
            // The format needs an interior root: its two branches get two copies of the leaf.
            long at = branch(0, 0.0, BRANCH_LEQ, false);
            roots.add(at);
            link(at, true, leaf(leaf, target, weight), true);
            link(at, false, leaf(leaf, target, weight), true);
        } else {
            roots.add(emit(root, target, weight));
        }
        separateRootBranches(nodeStart, leafStart, target);
        return this;
    }

    /**
     * ONNX Runtime 1.23 takes a root whose true and false ids are equal for a leaf, even when one id
     * indexes the leaves and the other the nodes; that tree would then always answer one leaf. Such a
     * root gets an unused leaf before its tree's leaves, which moves its leaf ids and not its node ids.
     */
    private void separateRootBranches(int nodeStart, int leafStart, int target) {
        while (trueIds.get(nodeStart).equals(falseIds.get(nodeStart))) {
            leafTargets.add(leafStart, (long) target);
            leafWeights.add(leafStart, 0.0);
            for (int i = nodeStart; i < featureIds.size(); i++) {
                if (trueLeafs.get(i) == 1L) {
                    trueIds.set(i, trueIds.get(i) + 1);
                }
                if (falseLeafs.get(i) == 1L) {
                    falseIds.set(i, falseIds.get(i) + 1);
                }
            }
        }
    }

    /**
     * Adds one tree given as node arrays, XGBoost's layout: node i sends x to {@code left[i]} when
     * {@code x < value[i]} (BRANCH_LT) or, for a missing x, when {@code missingLeft[i]}; else to
     * {@code right[i]}. A node with {@code left[i] < 0} is a leaf worth {@code value[i]}. Node 0 is the root.
     */
    TreeEnsembleBuilder addLessThan(int[] left, int[] right, int[] feature, double[] value, boolean[] missingLeft,
            int target) {
        int nodeStart = featureIds.size();
        int leafStart = leafWeights.size();
        if (left[0] < 0) {
            long at = branch(0, 0.0, BRANCH_LEQ, false);
            roots.add(at);
            link(at, true, leaf(target, value[0]), true);
            link(at, false, leaf(target, value[0]), true);
        } else {
            roots.add(emitLessThan(0, left, right, feature, value, missingLeft, target));
        }
        separateRootBranches(nodeStart, leafStart, target);
        return this;
    }

    private long emitLessThan(int node, int[] left, int[] right, int[] feature, double[] value, boolean[] missingLeft,
            int target) {
        long at = branch(feature[node], value[node], BRANCH_LT, missingLeft[node]);
        for (boolean toLeft : new boolean[] {true, false}) {
            int child = toLeft ? left[node] : right[node];
            if (left[child] < 0) {
                link(at, toLeft, leaf(target, value[child]), true);
            } else {
                link(at, toLeft, emitLessThan(child, left, right, feature, value, missingLeft, target), false);
            }
        }
        return at;
    }

    /** Adds a tree that adds {@code value} to every row of one target (an intercept, summed first). */
    TreeEnsembleBuilder constant(double value, int target) {
        int nodeStart = featureIds.size();
        int leafStart = leafWeights.size();
        long at = branch(0, 0.0, BRANCH_LEQ, false);
        roots.add(at);
        link(at, true, leaf(target, value), true);
        link(at, false, leaf(target, value), true);
        separateRootBranches(nodeStart, leafStart, target);
        return this;
    }

    /** The TreeEnsemble node over {@code x}, summing leaf weights per target: [N, targets] double. */
    String emit(Graph g, String x) {
        return emitTo(g, x, null);
    }

    /** As {@link #emit}, writing the named value (a graph output) when {@code output} is not null. */
    String emitTo(Graph g, String x, String output) {
        byte[] modeBytes = new byte[modes.size()];
        for (int i = 0; i < modeBytes.length; i++) {
            modeBytes[i] = modes.get(i);
        }
        Graph.Attrs attrs = new Graph.Attrs()
                .ints("nodes_featureids", longs(featureIds))
                .doubles("nodes_splits", doubles(splits))
                .bytes("nodes_modes", modeBytes)
                .ints("nodes_truenodeids", longs(trueIds))
                .ints("nodes_trueleafs", longs(trueLeafs))
                .ints("nodes_falsenodeids", longs(falseIds))
                .ints("nodes_falseleafs", longs(falseLeafs))
                .ints("leaf_targetids", longs(leafTargets))
                .doubles("leaf_weights", doubles(leafWeights))
                .ints("tree_roots", longs(roots))
                .i("n_targets", targets)
                .i("aggregate_function", AGGREGATE_SUM)
                .i("post_transform", 0);
        if (missingTrue.contains(1L)) {
            attrs.ints("nodes_missing_value_tracks_true", longs(missingTrue));
        }
        return output == null ? g.node(Op.TREE_ENSEMBLE, List.of(x), attrs) : g.nodeTo(Op.TREE_ENSEMBLE, output, List.of(x), attrs);
    }

    private long emit(Node node, int target, ToDoubleFunction<LeafNode> weight) {
        if (!(node instanceof OrdinalNode split)) {
            throw new ExportException("cannot export a Smile tree node of type " + node.getClass().getSimpleName()
                    + ": only ordinal splits on the prepared numeric matrix are supported");
        }
        long at = branch(split.feature(), SmileInternals.splitValue(split), BRANCH_LEQ, false);
        child(at, true, ((InternalNode) node).trueChild(), target, weight);
        child(at, false, ((InternalNode) node).falseChild(), target, weight);
        return at;
    }

    private void child(long at, boolean branch, Node child, int target, ToDoubleFunction<LeafNode> weight) {
        if (child instanceof LeafNode leaf) {
            link(at, branch, leaf(leaf, target, weight), true);
        } else {
            link(at, branch, emit(child, target, weight), false);
        }
    }

    private long branch(int feature, double value, byte mode, boolean missingToTrue) {
        featureIds.add((long) feature);
        modes.add(mode);
        missingTrue.add(missingToTrue ? 1L : 0L);
        splits.add(value);
        trueIds.add(-1L);
        trueLeafs.add(0L);
        falseIds.add(-1L);
        falseLeafs.add(0L);
        return featureIds.size() - 1;
    }

    private long leaf(LeafNode leaf, int target, ToDoubleFunction<LeafNode> weight) {
        return leaf(target, weight.applyAsDouble(leaf));
    }

    private long leaf(int target, double value) {
        leafTargets.add((long) target);
        leafWeights.add(value);
        return leafWeights.size() - 1;
    }

    private void link(long at, boolean branch, long to, boolean toLeaf) {
        int i = (int) at;
        (branch ? trueIds : falseIds).set(i, to);
        (branch ? trueLeafs : falseLeafs).set(i, toLeaf ? 1L : 0L);
    }

    private static long[] longs(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    private static double[] doubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
