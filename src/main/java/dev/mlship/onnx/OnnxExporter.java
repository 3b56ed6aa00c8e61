package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.mlship.Version;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports the whole fitted pipeline (preparation and model) as one ONNX graph over the raw columns:
 * one input per feature ([N, 1] double, or string for categorical ones); outputs {@code label} and
 * {@code probabilities} for classifiers, {@code prediction} for regression models.
 */
public final class OnnxExporter {
    private OnnxExporter() {}

    /**
     * @param model Smile's fitted model over the prepared matrix
     * @param classes class names in probability column order, or null for regression
     * @param missingMarkers text that means "missing" in a categorical input
     * @param metadata written into {@code metadata_props}, in this order
     * @return the serialised model; the same inputs give the same bytes
     */
    public static byte[] export(String name, FittedPreprocessor prep, Object model, List<String> classes,
            Set<String> missingMarkers, Map<String, String> metadata) {
        Graph g = new Graph(name);
        String x = PreprocessorExport.emit(g, prep, missingMarkers);
        int p = prep.outputNames().size();
        if (classes != null) {
            ModelExport.classifier(g, x, model, classes, p);
        } else {
            ModelExport.regressor(g, x, model, p);
        }
        ModelProto proto = g.model(Version.MLSHIP, "mlship pipeline " + name, metadata);
        return proto.toByteArray();
    }
}
