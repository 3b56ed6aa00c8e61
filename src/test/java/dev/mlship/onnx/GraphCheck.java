package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a serialised model the way the ONNX checker would for what mlship emits (the Debian checker
 * only knows IR 8): versions and opsets declared, every value produced once and before it is read,
 * unique node names, typed and fully shaped inputs and outputs, initializers consistent with their dims.
 */
final class GraphCheck {
    private GraphCheck() {}

    static List<String> problems(byte[] bytes) throws Exception {
        return problems(ModelProto.parseFrom(bytes));
    }

    static List<String> problems(ModelProto model) {
        List<String> problems = new ArrayList<>();
        if (model.getIrVersion() != 10) {
            problems.add("ir_version " + model.getIrVersion() + ", expected 10");
        }
        if (!model.getProducerName().equals("mlship")) {
            problems.add("producer_name '" + model.getProducerName() + "'");
        }
        Map<String, Long> opsets = new HashMap<>();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (opsets.put(o.getDomain(), o.getVersion()) != null) {
                problems.add("opset for domain '" + o.getDomain() + "' declared twice");
            }
        }
        if (!Long.valueOf(21).equals(opsets.get(""))) {
            problems.add("ai.onnx opset is " + opsets.get("") + ", expected 21");
        }
        if (!Long.valueOf(5).equals(opsets.get("ai.onnx.ml"))) {
            problems.add("ai.onnx.ml opset is " + opsets.get("ai.onnx.ml") + ", expected 5");
        }
        GraphProto g = model.getGraph();
        Set<String> produced = new HashSet<>();
        for (ValueInfoProto in : g.getInputList()) {
            produce(produced, in.getName(), "graph input", problems);
            checkTyped(in, "input", problems);
        }
        for (TensorProto t : g.getInitializerList()) {
            produce(produced, t.getName(), "initializer", problems);
            checkData(t, problems);
        }
        Set<String> nodeNames = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            if (!opsets.containsKey(n.getDomain())) {
                problems.add("node " + n.getName() + " uses undeclared domain '" + n.getDomain() + "'");
            }
            if (!n.getName().isEmpty() && !nodeNames.add(n.getName())) {
                problems.add("node name " + n.getName() + " used twice");
            }
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !produced.contains(in)) {
                    problems.add("node " + n.getName() + " reads " + in + " before anything produces it");
                }
            }
            for (String out : n.getOutputList()) {
                produce(produced, out, "node " + n.getName(), problems);
            }
        }
        for (ValueInfoProto out : g.getOutputList()) {
            if (!produced.contains(out.getName())) {
                problems.add("graph output " + out.getName() + " is produced by nothing");
            }
            checkTyped(out, "output", problems);
        }
        return problems;
    }

    private static void produce(Set<String> produced, String name, String by, List<String> problems) {
        if (!produced.add(name)) {
            problems.add(name + " is produced twice (again by " + by + ")");
        }
    }

    private static void checkTyped(ValueInfoProto v, String what, List<String> problems) {
        if (!v.getType().hasTensorType() || v.getType().getTensorType().getElemType() == 0) {
            problems.add(what + " " + v.getName() + " has no element type");
            return;
        }
        if (!v.getType().getTensorType().hasShape()) {
            problems.add(what + " " + v.getName() + " declares no shape");
            return;
        }
        for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList()) {
            if (!d.hasDimParam() && !d.hasDimValue()) {
                problems.add(what + " " + v.getName() + " has a dimension with neither size nor name");
            }
        }
    }

    private static void checkData(TensorProto t, List<String> problems) {
        long expected = 1;
        for (long d : t.getDimsList()) {
            expected *= d;
        }
        long actual = switch (TensorProto.DataType.forNumber(t.getDataType())) {
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case BOOL -> t.getInt32DataCount();
            case STRING -> t.getStringDataCount();
            case null, default -> -1;
        };
        if (actual != expected) {
            problems.add("initializer " + t.getName() + " holds " + actual + " values for dims " + t.getDimsList());
        }
    }
}
