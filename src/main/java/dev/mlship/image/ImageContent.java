package dev.mlship.image;

import java.util.Map;

/**
 * What goes into a model image: the model file and its card (placed at /models/NAME/), the labels, and
 * an optional base image that makes the result a serving image instead of a model-only one.
 */
public record ImageContent(String name, byte[] onnx, byte[] modelCard, Map<String, String> labels, String baseImage) {
    public ImageContent {
        labels = Map.copyOf(labels);
    }

    public String modelPath() {
        return "/models/" + name + "/model.onnx";
    }
}
