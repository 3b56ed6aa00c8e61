package dev.mlship.image;

import java.util.Map;

/** A deployed model read back from its image: where it came from, its ONNX bytes and its labels. */
public record PulledModel(String reference, String digest, byte[] onnx, Map<String, String> labels) {
    public PulledModel {
        labels = Map.copyOf(labels);
    }
}
