package dev.mlship.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.onnx.OnnxModel.InputKind;
import dev.mlship.onnx.Scores;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * KServe V1 records: {"instances": [{column: value, ...}, ...]} in, {"predictions": [...]} out. A missing
 * value is sent as null or by leaving its key out; a key that is not one of the model's columns is an
 * error, so a misspelt column never passes silently as missing.
 */
final class V1Codec {
    private final ObjectMapper json;

    V1Codec(ObjectMapper json) {
        this.json = json;
    }

    Batch decode(JsonNode body, ServedModel m, int maxRows) {
        if (body == null || !body.isObject()) {
            throw RequestError.badRequest("the request body must be a JSON object with \"instances\"");
        }
        JsonNode instances = body.get("instances");
        if (instances == null || !instances.isArray() || instances.isEmpty()) {
            throw RequestError.badRequest("\"instances\" must be a non-empty array of records, e.g. [{\""
                    + m.inputs().keySet().iterator().next() + "\": ...}]");
        }
        int n = instances.size();
        if (n > maxRows) {
            throw new RequestError(413, "\"instances\" has " + n + " rows, more than the " + maxRows
                    + " allowed per request (--max-rows): send smaller batches");
        }
        Map<String, Object> columns = new HashMap<>();
        for (Map.Entry<String, InputKind> in : m.inputs().entrySet()) {
            if (in.getValue() == InputKind.NUMERIC) {
                double[] v = new double[n];
                Arrays.fill(v, Double.NaN);
                columns.put(in.getKey(), v);
            } else {
                String[] v = new String[n];
                Arrays.fill(v, m.missingText());
                columns.put(in.getKey(), v);
            }
        }
        for (int i = 0; i < n; i++) {
            JsonNode record = instances.get(i);
            if (!record.isObject()) {
                throw RequestError.badRequest("instance " + i + " is " + Values.kind(record)
                        + ": each instance must be an object of column: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                JsonNode v = field.getValue();
                Object column = columns.get(name);
                if (column == null) {
                    throw RequestError.badRequest("instance " + i + ": unknown column '" + name + "': the model's columns are "
                            + String.join(", ", m.inputs().keySet()));
                }
                if (v.isNull()) {
                    continue;
                }
                if (column instanceof double[] numbers) {
                    if (!v.isNumber()) {
                        throw RequestError.badRequest("instance " + i + ", column '" + name + "': " + Values.kind(v)
                                + " where a number (or null) is expected");
                    }
                    numbers[i] = v.doubleValue();
                } else {
                    String[] text = (String[]) column;
                    if (v.isTextual()) {
                        text[i] = v.textValue();
                    } else if (v.isNumber()) {
                        text[i] = Values.numberText(v);
                    } else {
                        throw RequestError.badRequest("instance " + i + ", column '" + name + "': " + Values.kind(v)
                                + " where a string (or null) is expected");
                    }
                }
            }
        }
        return new Batch(columns, n);
    }

    ObjectNode encode(ServedModel m, Scores scores, int rows) {
        ObjectNode out = json.createObjectNode();
        ArrayNode predictions = out.putArray("predictions");
        for (int i = 0; i < rows; i++) {
            ObjectNode p = predictions.addObject();
            if (m.classifier()) {
                p.put("label", scores.labels()[i]);
                ObjectNode probabilities = p.putObject("probabilities");
                double[] row = scores.probabilities()[i];
                for (int c = 0; c < row.length; c++) {
                    probabilities.put(m.classes().get(c), row[c]);
                }
            } else {
                p.put("prediction", scores.predictions()[i]);
            }
        }
        return out;
    }
}
