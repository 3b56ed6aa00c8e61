package dev.mlship.onnx;

import java.util.Set;

/**
 * The ONNX operators mlship emits, with the arity and mandatory attributes of the versions it targets
 * (ai.onnx 21, ai.onnx.ml 5). {@link Graph#node} checks them before any protobuf is built, so a
 * malformed graph fails where it is written rather than in ONNX Runtime later.
 */
enum Op {
    IS_NAN("IsNaN", 1, 1, 1),
    WHERE("Where", 3, 3, 1),
    SUB("Sub", 2, 2, 1),
    DIV("Div", 2, 2, 1),
    MUL("Mul", 2, 2, 1),
    ADD("Add", 2, 2, 1),
    SIGMOID("Sigmoid", 1, 1, 1),
    SOFTMAX("Softmax", 1, 1, 1),
    NEG("Neg", 1, 1, 1),
    ARG_MAX("ArgMax", 1, 1, 1),
    GATHER("Gather", 2, 2, 1),
    CAST("Cast", 1, 1, 1, "to"),
    EQUAL("Equal", 2, 2, 1),
    GREATER("Greater", 2, 2, 1),
    GREATER_OR_EQUAL("GreaterOrEqual", 2, 2, 1),
    CONCAT("Concat", 1, Integer.MAX_VALUE, 1, "axis"),
    REDUCE_SUM("ReduceSum", 1, 2, 1),
    RESHAPE("Reshape", 2, 2, 1),
    MAT_MUL("MatMul", 2, 2, 1),
    RELU("Relu", 1, 1, 1),
    TANH("Tanh", 1, 1, 1),
    CLIP("Clip", 1, 3, 1),
    EXP("Exp", 1, 1, 1),
    SQRT("Sqrt", 1, 1, 1),
    ABS("Abs", 1, 1, 1),
    MAX("Max", 1, Integer.MAX_VALUE, 1),
    LESS("Less", 2, 2, 1),
    OR("Or", 2, 2, 1),
    NOT("Not", 1, 1, 1),
    SHAPE("Shape", 1, 1, 1),
    EXPAND("Expand", 2, 2, 1),
    REDUCE_MIN("ReduceMin", 1, 2, 1),
    /** Inputs: trip count, condition, loop-carried values; outputs: their final values. */
    LOOP("Loop", 2, Integer.MAX_VALUE, Integer.MAX_VALUE, "body"),
    CUM_SUM("CumSum", 2, 2, 1),
    LABEL_ENCODER(Graph.ML_DOMAIN, "LabelEncoder", 1, 1, 1, "keys_strings", "values_int64s", "default_int64"),
    TREE_ENSEMBLE(Graph.ML_DOMAIN, "TreeEnsemble", 1, 1, 1,
            "nodes_featureids", "nodes_splits", "nodes_modes", "nodes_truenodeids", "nodes_trueleafs",
            "nodes_falsenodeids", "nodes_falseleafs", "leaf_targetids", "leaf_weights", "tree_roots", "n_targets");

    final String domain;
    final String type;
    final int minInputs;
    final int maxInputs;
    final int outputs;
    final Set<String> required;

    Op(String type, int minInputs, int maxInputs, int outputs, String... required) {
        this("", type, minInputs, maxInputs, outputs, required);
    }

    Op(String domain, String type, int minInputs, int maxInputs, int outputs, String... required) {
        this.domain = domain;
        this.type = type;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.outputs = outputs;
        this.required = Set.of(required);
    }
}
