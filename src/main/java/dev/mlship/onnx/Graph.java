package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one ONNX graph: inputs, constants, checked nodes, outputs. Every tensor has a batch dimension
 * "N" first. Internal value names are generated and never collide with a graph input or output.
 */
final class Graph {
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** IR 10 with ai.onnx 21 and ai.onnx.ml 5: the newest set ONNX Runtime 1.23 accepts with TreeEnsemble. */
    static final long IR_VERSION = 10;
    static final long ONNX_OPSET = 21;
    static final long ML_OPSET = 5;
    static final String BATCH = "N";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names;
    private final int[] counter;
    private final String nodePrefix;

    Graph(String name) {
        this(name, new HashSet<>(), new int[1], "");
    }

    private Graph(String name, Set<String> names, int[] counter, String nodePrefix) {
        graph.setName(name);
        this.names = names;
        this.counter = counter;
        this.nodePrefix = nodePrefix;
    }

    /**
     * A body graph for a control-flow node (Loop). It shares this graph's value names, so it may read
     * this graph's values and never reuses one of their names; its node names carry its own prefix.
     */
    Graph subgraph(String name) {
        return new Graph(name, names, counter, name + "/");
    }

    /** The graph as built so far, for a subgraph attribute. */
    GraphProto proto() {
        return graph.build();
    }

    /** A graph input of any shape; {@code dims} may hold {@link #BATCH} or fixed sizes (none: a scalar). */
    String input(String name, DataType type, Object... dims) {
        claim(name, "input");
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** A boolean scalar. */
    String bool(boolean value) {
        return initializer(tensor(DataType.BOOL, new long[0]).addInt32Data(value ? 1 : 0));
    }

    /** A graph input [N, width]. */
    String input(String name, DataType type, long width) {
        claim(name, "input");
        graph.addInput(valueInfo(name, type, BATCH, width));
        return name;
    }

    /** Declares a graph output; {@code dims} may hold {@link #BATCH} or a fixed size. */
    void output(String name, DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** Reserves an output name before the node that writes it exists. */
    String reserve(String name) {
        claim(name, "output");
        return name;
    }

    String doubles(long[] dims, double... values) {
        TensorProto.Builder t = tensor(DataType.DOUBLE, dims);
        for (double v : values) {
            t.addDoubleData(v);
        }
        return initializer(t);
    }

    String longs(long[] dims, long... values) {
        TensorProto.Builder t = tensor(DataType.INT64, dims);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return initializer(t);
    }

    String strings(long[] dims, List<String> values) {
        TensorProto.Builder t = tensor(DataType.STRING, dims);
        values.forEach(v -> t.addStringData(ByteString.copyFrom(v, StandardCharsets.UTF_8)));
        return initializer(t);
    }

    /** Adds a node writing a fresh value and returns that value's name. */
    String node(Op op, List<String> inputs, Attrs attrs) {
        return nodeTo(op, fresh(), inputs, attrs);
    }

    String node(Op op, String... inputs) {
        return node(op, List.of(inputs), new Attrs());
    }

    /** Adds a node writing the named value (a reserved output name, usually). */
    String nodeTo(Op op, String output, List<String> inputs, Attrs attrs) {
        nodesTo(op, List.of(output), inputs, attrs);
        return output;
    }

    /** Adds a node writing several named values (a Loop's final states). */
    void nodesTo(Op op, List<String> outputs, List<String> inputs, Attrs attrs) {
        if (inputs.size() < op.minInputs || inputs.size() > op.maxInputs) {
            throw new IllegalArgumentException(op.type + " takes " + op.minInputs + (op.maxInputs == op.minInputs ? ""
                    : ".." + (op.maxInputs == Integer.MAX_VALUE ? "n" : op.maxInputs)) + " inputs, got " + inputs.size());
        }
        for (String a : op.required) {
            if (!attrs.has(a)) {
                throw new IllegalArgumentException(op.type + " needs attribute " + a);
            }
        }
        for (String in : inputs) {
            if (!names.contains(in)) {
                throw new IllegalArgumentException(op.type + " reads " + in + ", which nothing produces yet");
            }
        }
        names.addAll(outputs);
        NodeProto.Builder n = NodeProto.newBuilder()
                .setOpType(op.type)
                .setName(nodePrefix + op.type + "_" + graph.getNodeCount())
                .addAllInput(inputs)
                .addAllOutput(outputs);
        if (!op.domain.isEmpty()) {
            n.setDomain(op.domain);
        }
        attrs.list().forEach(n::addAttribute);
        graph.addNode(n);
    }

    ModelProto model(String producerVersion, String docString, Map<String, String> metadata) {
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("mlship")
                .setProducerVersion(producerVersion)
                .setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
                .setGraph(graph);
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private String initializer(TensorProto.Builder t) {
        String name = fresh();
        names.add(name);
        graph.addInitializer(t.setName(name));
        return name;
    }

    private static TensorProto.Builder tensor(DataType type, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    String fresh() {
        String name;
        do {
            name = "_" + counter[0]++;
        } while (names.contains(name));
        return name;
    }

    private void claim(String name, String what) {
        if (!names.add(name)) {
            throw new ExportException("the " + what + " name '" + name + "' is used twice in the graph; rename that column");
        }
    }

    private static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String param) {
                dim.setDimParam(param);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    /** Node attributes in the order they are added (so the bytes are the same on every export). */
    static final class Attrs {
        private final java.util.LinkedHashMap<String, AttributeProto> attrs = new java.util.LinkedHashMap<>();

        boolean has(String name) {
            return attrs.containsKey(name);
        }

        List<AttributeProto> list() {
            return List.copyOf(attrs.values());
        }

        Attrs i(String name, long v) {
            return put(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v));
        }

        Attrs ints(String name, long[] v) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
            for (long x : v) {
                a.addInts(x);
            }
            return put(a);
        }

        Attrs strings(String name, List<String> v) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.STRINGS);
            v.forEach(s -> a.addStrings(ByteString.copyFrom(s, StandardCharsets.UTF_8)));
            return put(a);
        }

        Attrs doubles(String name, double[] v) {
            TensorProto.Builder t = Graph.tensor(DataType.DOUBLE, new long[] {v.length});
            for (double x : v) {
                t.addDoubleData(x);
            }
            return tensorAttr(name, t);
        }

        Attrs graph(String name, GraphProto body) {
            return put(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(body));
        }

        Attrs bytes(String name, byte[] v) {
            TensorProto.Builder t = Graph.tensor(DataType.UINT8, new long[] {v.length}).setRawData(ByteString.copyFrom(v));
            return tensorAttr(name, t);
        }

        private Attrs tensorAttr(String name, TensorProto.Builder t) {
            return put(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t));
        }

        private Attrs put(AttributeProto.Builder a) {
            attrs.put(a.getName(), a.build());
            return this;
        }
    }
}
