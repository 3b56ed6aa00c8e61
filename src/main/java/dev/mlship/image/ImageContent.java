package dev.mlship.image;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What goes into a model image: the model file, its card and its training statistics (placed at
 * /models/NAME/; statistics null leaves that file out), the labels, and an optional base image that makes
 * the result a serving image instead of a model-only one.
 */
public record ImageContent(String name, byte[] onnx, byte[] modelCard, byte[] statistics, Map<String, String> labels,
        String baseImage) {
    public ImageContent(String name, byte[] onnx, byte[] modelCard, Map<String, String> labels, String baseImage) {
        this(name, onnx, modelCard, null, labels, baseImage);
    }

    public ImageContent {
        // Sorted, never Map.copyOf: its iteration order changes from one JVM to the next, and the label order
        // in the image config is part of the digest.
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public String modelPath() {
        return modelPath(name);
    }

    /** Where the model of that name lives in its image. */
    public static String modelPath(String name) {
        return "/models/" + name + "/model.onnx";
    }
}
