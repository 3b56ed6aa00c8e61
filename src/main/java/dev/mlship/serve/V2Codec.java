package dev.mlship.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.onnx.OnnxModel.InputKind;
import dev.mlship.onnx.OnnxModel.Port;
import dev.mlship.onnx.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Open Inference Protocol V2 (KServe V2) JSON shapes: model metadata, inference requests (one tensor
 * per raw column) and responses (flat, row-major data).
 */
final class V2Codec {
    /** A decoded inference request. {@code id} is null when the caller sent none. */
    record Request(String id, Batch batch, List<String> outputs) {}

    private static final Set<String> NUMERIC_TYPES = Set.of("FP64", "FP32", "INT64");

    private final ObjectMapper json;

    V2Codec(ObjectMapper json) {
        this.json = json;
    }

    /** GET /v2/models/{name}. */
    ObjectNode metadata(ServedModel m) {
        ObjectNode out = json.createObjectNode();
        out.put("name", m.name());
        out.putArray("versions").add(m.version());
        out.put("platform", "onnxruntime_onnx");
        ArrayNode inputs = out.putArray("inputs");
        for (Port p : m.model().inputPorts()) {
            tensorMetadata(inputs.addObject(), p);
        }
        ArrayNode outputs = out.putArray("outputs");
        for (Port p : m.model().outputPorts()) {
            tensorMetadata(outputs.addObject(), p);
        }
        return out;
    }

    private static void tensorMetadata(ObjectNode node, Port p) {
        node.put("name", p.name());
        node.put("datatype", datatype(p.elementType()));
        ArrayNode shape = node.putArray("shape");
        for (long d : p.shape()) {
            shape.add(d);
        }
    }

    private static String datatype(String ortType) {
        return switch (ortType) {
            case "DOUBLE" -> "FP64";
            case "FLOAT" -> "FP32";
            case "INT64" -> "INT64";
            case "INT32" -> "INT32";
            case "STRING" -> "BYTES";
            case "BOOL" -> "BOOL";
            default -> ortType;
        };
    }

    /** POST /v2/models/{name}/infer: the body, already parsed. */
    Request decode(JsonNode body, ServedModel m, int maxRows) {
        if (body == null || !body.isObject()) {
            throw RequestError.badRequest("the request body must be a JSON object with \"inputs\"");
        }
        JsonNode idNode = body.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual()) {
                throw RequestError.badRequest("\"id\" must be a string, not " + Values.kind(idNode));
            }
            id = idNode.textValue();
        }
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw RequestError.badRequest("\"inputs\" must be a non-empty array of tensors, one per column: "
                    + String.join(", ", m.inputs().keySet()));
        }
        Map<String, Object> columns = new HashMap<>();
        int rows = -1;
        String firstName = null;
        for (JsonNode input : inputs) {
            if (!input.isObject()) {
                throw RequestError.badRequest("each of \"inputs\" must be an object with name, datatype, shape and data");
            }
            String name = text(input, "name", "an input");
            InputKind kind = m.inputs().get(name);
            if (kind == null) {
                throw RequestError.badRequest("unknown input '" + name + "': the model's inputs are "
                        + String.join(", ", m.inputs().keySet()));
            }
            if (columns.containsKey(name)) {
                throw RequestError.badRequest("input '" + name + "' is given twice");
            }
            String datatype = text(input, "datatype", "input '" + name + "'");
            if (kind == InputKind.NUMERIC && !NUMERIC_TYPES.contains(datatype)) {
                throw RequestError.badRequest("input '" + name + "': datatype " + datatype
                        + " does not fit this numeric column: use FP64, FP32 or INT64");
            }
            if (kind == InputKind.TEXT && !datatype.equals("BYTES")) {
                throw RequestError.badRequest("input '" + name + "': datatype " + datatype
                        + " does not fit this categorical column: use BYTES");
            }
            int n = rowsOf(name, input.get("shape"));
            List<JsonNode> data = new ArrayList<>();
            JsonNode dataNode = input.get("data");
            if (dataNode == null || !dataNode.isArray()) {
                throw RequestError.badRequest("input '" + name + "': \"data\" must be an array, not " + Values.kind(dataNode));
            }
            flatten(dataNode, data);
            if (data.size() != n) {
                throw RequestError.badRequest("input '" + name + "': shape " + input.get("shape") + " holds " + n
                        + " values but data has " + data.size());
            }
            if (rows < 0) {
                rows = n;
                firstName = name;
                if (rows > maxRows) {
                    throw new RequestError(413, "input '" + name + "' has " + rows + " rows, more than the " + maxRows
                            + " allowed per request (--max-rows): send smaller batches");
                }
            } else if (n != rows) {
                throw RequestError.badRequest("input '" + name + "' has " + n + " rows but input '" + firstName
                        + "' has " + rows + ": every input needs the same number of rows");
            }
            columns.put(name, kind == InputKind.NUMERIC ? numbers(name, datatype, data) : strings(name, data, m.missingText()));
        }
        List<String> missing = m.inputs().keySet().stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw RequestError.badRequest("missing input" + (missing.size() > 1 ? "s '" : " '") + String.join("', '", missing)
                    + "': the model needs one tensor per column (" + String.join(", ", m.inputs().keySet()) + ")");
        }
        return new Request(id, new Batch(columns, rows), outputs(body.get("outputs"), m));
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw RequestError.badRequest(what + " needs a string \"" + field + "\", not " + Values.kind(v));
        }
        return v.textValue();
    }

    private static int rowsOf(String name, JsonNode shape) {
        if (shape == null || !shape.isArray() || shape.isEmpty() || shape.size() > 2) {
            throw RequestError.badRequest("input '" + name + "': \"shape\" must be [N] or [N, 1], not " + shape);
        }
        for (JsonNode d : shape) {
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw RequestError.badRequest("input '" + name + "': \"shape\" must hold whole numbers, not " + shape);
            }
        }
        if (shape.size() == 2 && shape.get(1).intValue() != 1) {
            throw RequestError.badRequest("input '" + name + "': shape " + shape
                    + " does not fit one column: use [N] or [N, 1]");
        }
        int n = shape.get(0).intValue();
        if (n == 0) {
            throw RequestError.badRequest("input '" + name + "': shape " + shape + " has no rows");
        }
        return n;
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        for (JsonNode v : node) {
            if (v.isArray()) {
                flatten(v, out);
            } else {
                out.add(v);
            }
        }
    }

    private static double[] numbers(String name, String datatype, List<JsonNode> data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = data.get(i);
            if (v.isNull()) {
                out[i] = Double.NaN;
            } else if (!v.isNumber()) {
                throw RequestError.badRequest("input '" + name + "' (" + datatype + "): value " + i + " is "
                        + Values.kind(v) + ", not a number");
            } else {
                out[i] = switch (datatype) {
                    case "FP32" -> (double) v.floatValue();
                    case "INT64" -> {
                        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                            throw RequestError.badRequest("input '" + name + "' (INT64): value " + i + " (" + v
                                    + ") is not a 64-bit whole number");
                        }
                        yield (double) v.longValue();
                    }
                    default -> v.doubleValue();
                };
            }
        }
        return out;
    }

    private static String[] strings(String name, List<JsonNode> data, String missingText) {
        String[] out = new String[data.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = data.get(i);
            if (v.isNull()) {
                out[i] = missingText;
            } else if (v.isTextual()) {
                out[i] = v.textValue();
            } else {
                throw RequestError.badRequest("input '" + name + "' (BYTES): value " + i + " is " + Values.kind(v)
                        + ", not a string");
            }
        }
        return out;
    }

    private static List<String> outputs(JsonNode requested, ServedModel m) {
        if (requested == null || requested.isNull()) {
            return m.outputNames();
        }
        if (!requested.isArray()) {
            throw RequestError.badRequest("\"outputs\" must be an array of {\"name\": ...}, not " + Values.kind(requested));
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode o : requested) {
            String name = o.isObject() ? text(o, "name", "an output") : null;
            if (name == null) {
                throw RequestError.badRequest("each of \"outputs\" must be an object with a \"name\"");
            }
            if (!m.outputNames().contains(name)) {
                throw RequestError.badRequest("unknown output '" + name + "': the model's outputs are "
                        + String.join(", ", m.outputNames()));
            }
            names.add(name);
        }
        return names.isEmpty() ? m.outputNames() : List.copyOf(names);
    }

    /** The inference response, with the requested outputs in the order asked. */
    ObjectNode encode(ServedModel m, Request request, Scores scores) {
        int n = request.batch().rows();
        ObjectNode out = json.createObjectNode();
        out.put("model_name", m.name());
        out.put("model_version", m.version());
        if (request.id() != null) {
            out.put("id", request.id());
        }
        ArrayNode outputs = out.putArray("outputs");
        for (String name : request.outputs()) {
            ObjectNode t = outputs.addObject();
            t.put("name", name);
            switch (name) {
                case "label" -> {
                    t.put("datatype", "BYTES");
                    t.putArray("shape").add(n);
                    ArrayNode data = t.putArray("data");
                    Arrays.stream(scores.labels()).forEach(data::add);
                }
                case "probabilities" -> {
                    int k = m.classes().size();
                    t.put("datatype", "FP64");
                    t.putArray("shape").add(n).add(k);
                    ArrayNode data = t.putArray("data");
                    for (double[] row : scores.probabilities()) {
                        for (double p : row) {
                            data.add(p);
                        }
                    }
                }
                default -> {
                    t.put("datatype", "FP64");
                    t.putArray("shape").add(n).add(1);
                    ArrayNode data = t.putArray("data");
                    for (double p : scores.predictions()) {
                        data.add(p);
                    }
                }
            }
        }
        return out;
    }
}
