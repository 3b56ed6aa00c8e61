package dev.mlship.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
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
            return new BoosterTrees(groups, baseMargins(bytes, booster.getNumFeature(), groups), trees, link);
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
     * objective's link, per class for multiclass): the model's own prediction once every leaf is zero.
     */
    private static float[] baseMargins(byte[] json, long features, int groups) throws IOException, XGBoostError {
        // Read as doubles, which are written back with a decimal point: XGBoost refuses an integer where it
        // expects a number.
        ObjectNode zeroed = (ObjectNode) new ObjectMapper().readTree(json);
        for (JsonNode t : zeroed.at("/learner/gradient_booster/model/trees")) {
            ArrayNode conditions = (ArrayNode) t.get("split_conditions");
            JsonNode left = t.get("left_children");
            for (int i = 0; i < conditions.size(); i++) {
                if (left.get(i).asInt() < 0) {
                    conditions.set(i, FloatNode.valueOf(0f));
                }
            }
        }
        Booster zero = XGBoost.loadModel(MAPPER.writeValueAsBytes(zeroed));
        float[] row = new float[(int) Math.max(1, features)];
        java.util.Arrays.fill(row, Float.NaN);
        DMatrix one = new DMatrix(row, 1, row.length, Float.NaN);
        try {
            float[] margins = zero.predict(one, true)[0];
            if (margins.length != groups) {
                throw new IllegalStateException("XGBoost gave " + margins.length + " margins, expected " + groups);
            }
            return margins;
        } finally {
            one.dispose();
            zero.dispose();
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
