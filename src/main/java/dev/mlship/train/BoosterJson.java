package dev.mlship.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Reads a booster's trees from XGBoost's JSON model format (gbtree): per tree {@code left_children},
 * {@code right_children}, {@code split_indices}, {@code split_conditions} (the leaf value at a leaf),
 * {@code default_left}; {@code tree_info} gives each tree's class and {@code iteration_indptr} the trees
 * of each round.
 */
final class BoosterJson {
    // Thresholds are written as the shortest decimal of a float: parse that text, never via a double.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private BoosterJson() {}

    /** The trees of the first {@code rounds} boosting rounds. */
    static BoosterTrees read(Booster booster, int rounds, int groups, BoosterTrees.Link link) {
        try {
            byte[] bytes = booster.toByteArray("json");
            JsonNode json = MAPPER.readTree(bytes);
            JsonNode model = json.at("/learner/gradient_booster/model");
            if (model.isMissingNode() || !model.has("trees")) {
                throw new IllegalStateException("XGBoost's JSON model has no gbtree trees");
            }
            int end = model.get("iteration_indptr").get(rounds).asInt();
            List<BoosterTrees.Tree> trees = new ArrayList<>(end);
            for (int t = 0; t < end; t++) {
                trees.add(tree(model.get("trees").get(t), model.get("tree_info").get(t).asInt()));
            }
            return new BoosterTrees(groups, baseMargins(json, booster.getNumFeature(), groups), trees, link);
        } catch (IOException | XGBoostError e) {
            throw new IllegalStateException("cannot read XGBoost's model: " + e.getMessage(), e);
        }
    }

    private static BoosterTrees.Tree tree(JsonNode t, int group) {
        if (!t.path("categories_nodes").isEmpty()) {
            throw new IllegalStateException("XGBoost tree with categorical splits; mlship one-hot encodes categories");
        }
        int[] left = ints(t.get("left_children"));
        int[] right = ints(t.get("right_children"));
        int[] feature = ints(t.get("split_indices"));
        JsonNode conditions = t.get("split_conditions");
        JsonNode defaults = t.get("default_left");
        float[] value = new float[left.length];
        boolean[] missingLeft = new boolean[left.length];
        for (int i = 0; i < left.length; i++) {
            value[i] = Float.parseFloat(conditions.get(i).asText());
            missingLeft[i] = defaults.get(i).asBoolean();
        }
        return new BoosterTrees.Tree(group, left, right, feature, value, missingLeft);
    }

    /**
     * The margin each group starts from, exactly as XGBoost computes it (base_score through the
     * objective's link, per class for multiclass): the model's own prediction once every leaf is zero. The
     * model predicted is the first round only, each tree cut to a single leaf of 0, so a forest of deep trees
     * is not written and parsed again. (A model with no trees would not do: XGBoost treats it as unfitted and
     * does not keep the base score it estimated from the data.)
     */
    private static float[] baseMargins(JsonNode json, long features, int groups) throws IOException, XGBoostError {
        ObjectNode model = (ObjectNode) json.at("/learner/gradient_booster/model");
        JsonNode trees = model.get("trees");
        JsonNode info = model.get("tree_info");
        JsonNode indptr = model.get("iteration_indptr");
        JsonNode param = model.get("gbtree_model_param");
        int firstRound = indptr.get(1).asInt();
        ArrayNode leaves = model.arrayNode();
        ArrayNode leafInfo = model.arrayNode();
        for (int t = 0; t < firstRound; t++) {
            leaves.add(zeroLeaf((ObjectNode) trees.get(t)));
            leafInfo.add(info.get(t));
        }
        byte[] zeroed;
        try {
            model.set("trees", leaves);
            model.set("tree_info", leafInfo);
            model.set("iteration_indptr", model.arrayNode().add(0).add(firstRound));
            model.set("gbtree_model_param", ((ObjectNode) param.deepCopy()).put("num_trees", Integer.toString(firstRound)));
            zeroed = MAPPER.writeValueAsBytes(json);
        } finally {
            model.set("trees", trees);
            model.set("tree_info", info);
            model.set("iteration_indptr", indptr);
            model.set("gbtree_model_param", param);
        }
        Booster zero = XGBoost.loadModel(zeroed);
        float[] row = new float[(int) Math.max(1, features)];
        java.util.Arrays.fill(row, Float.NaN);
        try {
            float[] margins = zero.inplace_predict(row, 1, row.length, Float.NaN, new int[] {0, 1}, Booster.PredictionType.kMargin,
                    null)[0];
            if (margins.length != groups) {
                throw new IllegalStateException("XGBoost gave " + margins.length + " margins, expected " + groups);
            }
            return margins;
        } finally {
            zero.dispose();
        }
    }

    /**
     * The tree as a single leaf of value 0: every per-node array keeps one entry (no children, no parent,
     * zeros, written as decimals where the tree has decimals: XGBoost refuses an integer where it expects a
     * number), the categorical arrays are emptied.
     */
    private static ObjectNode zeroLeaf(ObjectNode tree) {
        int nodes = tree.get("left_children").size();
        ObjectNode leaf = tree.objectNode();
        tree.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("tree_param")) {
                leaf.set(name, ((ObjectNode) value.deepCopy()).put("num_nodes", "1").put("num_deleted", "0"));
            } else if (value.isArray() && value.size() == nodes && nodes > 0) {
                JsonNode first = value.get(0);
                leaf.set(name, leaf.arrayNode().add(switch (name) {
                    case "left_children", "right_children" -> IntNode.valueOf(-1);
                    case "parents" -> IntNode.valueOf(Integer.MAX_VALUE);
                    default -> first.isFloatingPointNumber() ? FloatNode.valueOf(0f) : IntNode.valueOf(0);
                }));
            } else if (value.isArray()) {
                leaf.set(name, leaf.arrayNode());
            } else {
                leaf.set(name, value);
            }
        });
        return leaf;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
