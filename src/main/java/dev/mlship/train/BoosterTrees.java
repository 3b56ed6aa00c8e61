package dev.mlship.train;

import java.util.List;

/**
 * The trees of a trained XGBoost booster, as it evaluates them: node {@code i} sends a row left when
 * its float32 feature value is strictly below {@code value[i]} (a float32 threshold), a missing value
 * (NaN) left when {@code missingLeft[i]}; a node with {@code left[i] < 0} is a leaf worth {@code value[i]}.
 * XGBoost's margin of a group (a class, or the one output) starts at {@code baseMargins[group]} and adds
 * the leaf of each of the group's trees in order, in float32 arithmetic.
 *
 * @param groups one margin per class for multiclass, else one
 * @param link what turns the margins into outputs
 */
public record BoosterTrees(int groups, float[] baseMargins, List<Tree> trees, Link link) {
    public enum Link {
        /** regression: the margin is the prediction */
        IDENTITY,
        /** binary: p(class 1) = sigmoid(margin), class 1 when the margin is above 0 */
        LOGISTIC,
        /** multiclass: softmax of the margins, the class of the first highest margin */
        SOFTMAX
    }

    public BoosterTrees {
        baseMargins = baseMargins.clone();
        trees = List.copyOf(trees);
    }

    public record Tree(int group, int[] left, int[] right, int[] feature, float[] value, boolean[] missingLeft) {
        public boolean isLeaf(int node) {
            return left[node] < 0;
        }
    }
}
