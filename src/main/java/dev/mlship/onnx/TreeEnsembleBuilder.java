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
 * Flattens Smile trees into the attributes of one ai.onnx.ml opset-5 {@code TreeEnsemble} node. Its
 * thresholds and leaf weights are doubles, and every split is BRANCH_LEQ (x <= value goes to the true
 * child), as in Smile, so a value exactly on a threshold takes the same branch in both.
 */
final class TreeEnsembleBuilder {
    private static final byte BRANCH_LEQ = 0;
    private static final long AGGREGATE_SUM = 1;

    private final List<Long> featureIds = new ArrayList<>();
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
            long at = branch(0, 0.0);
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

    /** Adds a tree that adds {@code value} to every row of one target (an intercept, summed first). */
    TreeEnsembleBuilder constant(double value, int target) {
        int nodeStart = featureIds.size();
        int leafStart = leafWeights.size();
        long at = branch(0, 0.0);
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
        byte[] modes = new byte[featureIds.size()];
        java.util.Arrays.fill(modes, BRANCH_LEQ);
        Graph.Attrs attrs = new Graph.Attrs()
                .ints("nodes_featureids", longs(featureIds))
                .doubles("nodes_splits", doubles(splits))
                .bytes("nodes_modes", modes)
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
        return output == null ? g.node(Op.TREE_ENSEMBLE, List.of(x), attrs) : g.nodeTo(Op.TREE_ENSEMBLE, output, List.of(x), attrs);
    }

    private long emit(Node node, int target, ToDoubleFunction<LeafNode> weight) {
        if (!(node instanceof OrdinalNode split)) {
            throw new ExportException("cannot export a Smile tree node of type " + node.getClass().getSimpleName()
                    + ": only ordinal splits on the prepared numeric matrix are supported");
        }
        long at = branch(split.feature(), SmileInternals.splitValue(split));
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

    private long branch(int feature, double value) {
        featureIds.add((long) feature);
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
