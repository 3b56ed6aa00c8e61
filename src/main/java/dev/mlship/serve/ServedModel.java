package dev.mlship.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.OnnxModel.InputKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One model being served: its ONNX Runtime session (created once, shared by every request) and what the
 * codecs need to know about it, read from the model's metadata.
 *
 * @param model the loaded model, for its inputs, outputs and metadata
 * @param session the same model's session for scoring: score through it, never through {@code model}, so
 *     that the session outlives every request that uses it
 * @param version the first 12 hex digits of the model file's sha256
 * @param classes class names in the order of the probabilities output; empty for regression
 * @param missingText what a missing categorical value is sent to the graph as
 */
public record ServedModel(String name, String version, Path file, OnnxModel model, SharedSession session, boolean classifier,
        List<String> classes, String missingText) {
    static final String NAME_KEY = "mlship.name";
    static final String CLASSES_KEY = "mlship.classes";
    static final String MISSING_KEY = "mlship.missing";

    static ServedModel of(String name, String version, Path file, OnnxModel model) {
        Map<String, String> meta = model.metadata();
        boolean classifier = model.outputPorts().stream().anyMatch(p -> p.name().equals("probabilities"));
        List<String> classes = List.of();
        if (classifier) {
            classes = strings(meta.get(CLASSES_KEY));
            int k = (int) model.outputPorts().stream().filter(p -> p.name().equals("probabilities"))
                    .mapToLong(p -> p.shape().length == 2 ? p.shape()[1] : -1).findFirst().orElse(-1);
            if (classes.size() != k && k > 0) {
                List<String> numbered = new ArrayList<>();
                for (int c = 0; c < k; c++) {
                    numbered.add(Integer.toString(c));
                }
                classes = numbered;
            }
        }
        List<String> missing = strings(meta.get(MISSING_KEY));
        String missingText = missing.isEmpty() || missing.contains("") ? "" : missing.getFirst();
        return new ServedModel(name, version, file, model, new SharedSession(model), classifier, List.copyOf(classes), missingText);
    }

    /** The model's inputs by name: numeric or text. */
    public Map<String, InputKind> inputs() {
        return model.inputs();
    }

    /** The names of the model's outputs. */
    public List<String> outputNames() {
        return classifier ? List.of("label", "probabilities") : List.of("prediction");
    }

    private static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {});
        } catch (Exception e) {
            return List.of();
        }
    }
}
