package dev.mlship.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Reads a booster's trees from XGBoost's JSON model format (gbtree): per tree {@code left_children},
 * {@code right_children}, {@code split_indices}, {@code split_conditions} (the leaf value at a leaf),
 * {@code default_left}; {@code tree_info} gives each tree's class and {@code iteration_indptr} the trees
 * of each round. One streaming pass (a forest of deep trees is tens of megabytes of JSON) reads the trees and
 * writes the copy {@link #baseMargins} predicts with.
 */
final class BoosterJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Where the trees are: the field names on the way to the gbtree model object. */
    private static final List<String> MODEL = List.of("learner", "gradient_booster", "model");

    private BoosterJson() {}

    /** The trees of the first {@code rounds} boosting rounds. */
    static BoosterTrees read(Booster booster, int rounds, int groups, BoosterTrees.Link link) {
        try {
            Parsed parsed = parse(booster.toByteArray("json"));
            if (parsed.trees == null) {
                throw new IllegalStateException("XGBoost's JSON model has no gbtree trees");
            }
            int end = parsed.rounds[rounds];
            List<BoosterTrees.Tree> trees = new ArrayList<>(end);
            for (int t = 0; t < end; t++) {
                BoosterTrees.Tree tree = parsed.trees.get(t);
                trees.add(new BoosterTrees.Tree(parsed.groups[t], tree.left(), tree.right(), tree.feature(), tree.value(),
                        tree.missingLeft()));
            }
            return new BoosterTrees(groups, baseMargins(parsed.zeroed, booster.getNumFeature(), groups), trees, link);
        } catch (IOException | XGBoostError e) {
            throw new IllegalStateException("cannot read XGBoost's model: " + e.getMessage(), e);
        }
    }

    /**
     * What the pass gives: every tree (with group 0; {@code groups} holds each tree's), the first tree of each
     * round, and the model again with only its first round, each tree cut to a single leaf of 0.
     */
    private record Parsed(List<BoosterTrees.Tree> trees, int[] groups, int[] rounds, byte[] zeroed) {}

    private static Parsed parse(byte[] json) throws IOException {
        ByteArrayOutputStream zeroed = new ByteArrayOutputStream();
        List<BoosterTrees.Tree> trees = null;
        int[] groups = null;
        int[] rounds = null;
        ObjectNode param = null;
        try (JsonParser p = FACTORY.createParser(json); JsonGenerator g = FACTORY.createGenerator(zeroed)) {
            List<String> path = new ArrayList<>();
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                if (token == JsonToken.FIELD_NAME && path.size() == MODEL.size() + 1 && path.subList(0, MODEL.size()).equals(MODEL)) {
                    // XGBoost writes an object's keys sorted: iteration_indptr and tree_info come before trees.
                    // gbtree_model_param comes first, and its tree count is written with the trees.
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "iteration_indptr" -> {
                            rounds = ints(p);
                            g.writeFieldName(name);
                            g.writeArray(new int[] {0, firstRound(rounds)}, 0, 2);
                        }
                        case "tree_info" -> {
                            groups = ints(p);
                            g.writeFieldName(name);
                            g.writeArray(groups, 0, Math.min(groups.length, firstRound(rounds)));
                        }
                        case "gbtree_model_param" -> param = MAPPER.readTree(p);
                        case "trees" -> {
                            g.writeFieldName(name);
                            trees = trees(p, g, firstRound(rounds));
                            if (param == null) {
                                throw new IllegalStateException("XGBoost's JSON model gives no gbtree_model_param before its trees");
                            }
                            g.writeFieldName("gbtree_model_param");
                            MAPPER.writeTree(g, param.put("num_trees", Integer.toString(firstRound(rounds))));
                        }
                        default -> {
                            g.writeFieldName(name);
                            g.copyCurrentStructure(p);
                        }
                    }
                    continue;
                }
                switch (token) {
                    case FIELD_NAME -> path.set(path.size() - 1, p.currentName());
                    case START_OBJECT, START_ARRAY -> path.add("");
                    case END_OBJECT, END_ARRAY -> path.removeLast();
                    default -> { }
                }
                g.copyCurrentEventExact(p);
            }
        }
        if (trees != null && (groups == null || groups.length != trees.size())) {
            throw new IllegalStateException("XGBoost's JSON model has " + trees.size() + " trees but a tree_info of "
                    + (groups == null ? "none" : groups.length));
        }
        return new Parsed(trees, groups, rounds, zeroed.toByteArray());
    }

    private static int firstRound(int[] rounds) {
        if (rounds == null || rounds.length < 2) {
            throw new IllegalStateException("XGBoost's JSON model gives no iteration_indptr before its trees");
        }
        return rounds[1];
    }

    /** Reads the trees array; writes the first {@code zeroed} of them as single leaves of 0. */
    private static List<BoosterTrees.Tree> trees(JsonParser p, JsonGenerator g, int zeroed) throws IOException {
        List<BoosterTrees.Tree> trees = new ArrayList<>();
        g.writeStartArray();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Tree tree = new Tree();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                tree.field(p.currentName(), p);
            }
            trees.add(tree.tree());
            if (trees.size() <= zeroed) {
                tree.writeZeroLeaf(g);
            }
        }
        g.writeEndArray();
        return trees;
    }

    /** One tree as the pass reads it, with what its single-leaf copy needs. */
    private static final class Tree {
        private int[] left;
        private int[] right;
        private int[] feature;
        private float[] value;
        private boolean[] missingLeft;
        /** Every field in order, for the single-leaf copy. */
        private final List<Field> fields = new ArrayList<>();

        /** A tree's field: an array (per node, or categorical), with whether it holds decimals, or another value as read. */
        private record Field(String name, boolean decimals, JsonNode value) {}

        void field(String name, JsonParser p) throws IOException {
            JsonToken token = p.nextToken();
            switch (name) {
                case "left_children" -> left = ints(p);
                case "right_children" -> right = ints(p);
                case "split_indices" -> feature = ints(p);
                case "default_left" -> {
                    int[] flags = ints(p);
                    missingLeft = new boolean[flags.length];
                    for (int i = 0; i < flags.length; i++) {
                        missingLeft[i] = flags[i] != 0;
                    }
                }
                case "split_conditions" -> {
                    // Written as the shortest decimal of a float: parse that text, never via a double.
                    float[] out = new float[16];
                    int n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        out = n == out.length ? Arrays.copyOf(out, 2 * n) : out;
                        out[n++] = Float.parseFloat(p.getText());
                    }
                    value = Arrays.copyOf(out, n);
                    fields.add(new Field(name, true, null));
                    return;
                }
                case "categories_nodes" -> {
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw new IllegalStateException("XGBoost tree with categorical splits; mlship one-hot encodes categories");
                    }
                    fields.add(new Field(name, false, null));
                    return;
                }
                default -> {
                    if (token == JsonToken.START_ARRAY) {
                        JsonToken first = p.nextToken();
                        if (first != JsonToken.END_ARRAY) {
                            p.skipChildren();
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                p.skipChildren();
                            }
                        }
                        fields.add(new Field(name, first == JsonToken.VALUE_NUMBER_FLOAT, null));
                    } else {
                        fields.add(new Field(name, false, MAPPER.readTree(p)));
                    }
                    return;
                }
            }
            fields.add(new Field(name, false, null));
        }

        BoosterTrees.Tree tree() {
            if (left == null || right == null || feature == null || value == null || missingLeft == null) {
                throw new IllegalStateException("XGBoost's JSON tree lacks a field mlship reads");
            }
            return new BoosterTrees.Tree(0, left, right, feature, value, missingLeft);
        }

        /**
         * The tree as a single leaf of value 0: every per-node array keeps one entry (no children, no parent,
         * zeros, written as decimals where the tree has decimals: XGBoost refuses an integer where it expects a
         * number), the categorical arrays are emptied, {@code tree_param} says one node.
         */
        void writeZeroLeaf(JsonGenerator g) throws IOException {
            g.writeStartObject();
            for (Field field : fields) {
                String name = field.name();
                g.writeFieldName(name);
                if (field.value() == null) {
                    g.writeStartArray();
                    if (!name.startsWith("categories")) {
                        switch (name) {
                            case "left_children", "right_children" -> g.writeNumber(-1);
                            case "parents" -> g.writeNumber(Integer.MAX_VALUE);
                            default -> {
                                if (field.decimals()) {
                                    g.writeNumber(0.0f);
                                } else {
                                    g.writeNumber(0);
                                }
                            }
                        }
                    }
                    g.writeEndArray();
                } else if (name.equals("tree_param")) {
                    MAPPER.writeTree(g, ((ObjectNode) field.value()).deepCopy().put("num_nodes", "1").put("num_deleted", "0"));
                } else {
                    MAPPER.writeTree(g, field.value());
                }
            }
            g.writeEndObject();
        }
    }

    /**
     * The margin each group starts from, exactly as XGBoost computes it (base_score through the
     * objective's link, per class for multiclass): the model's own prediction once every leaf is zero, on its
     * first round cut to single leaves. (A model with no trees would not do: XGBoost treats it as unfitted and
     * does not keep the base score it estimated from the data.)
     */
    private static float[] baseMargins(byte[] zeroed, long features, int groups) throws IOException, XGBoostError {
        Booster zero = XGBoost.loadModel(zeroed);
        float[] row = new float[(int) Math.max(1, features)];
        Arrays.fill(row, Float.NaN);
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

    /** An array of whole numbers, the parser on its START_ARRAY. */
    private static int[] ints(JsonParser p) throws IOException {
        int[] out = new int[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out = n == out.length ? Arrays.copyOf(out, 2 * n) : out;
            out[n++] = p.getValueAsInt();
        }
        return Arrays.copyOf(out, n);
    }
}
