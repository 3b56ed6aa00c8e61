package dev.mlship.image;

import java.util.Map;

/**
 * A deployed model read back from its image: where it came from, its ONNX bytes, its labels, and the
 * statistics.json that travelled beside it (null for a model packaged without one).
 */
public record PulledModel(String reference, String digest, byte[] onnx, Map<String, String> labels, byte[] statistics) {
    public PulledModel {
        labels = Map.copyOf(labels);
    }
}
