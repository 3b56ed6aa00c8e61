package dev.mlship.pipeline;

import dev.mlship.Version;
import dev.mlship.config.MetricName;
import dev.mlship.config.Settings;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.onnx.OnnxExporter;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.Parity;
import dev.mlship.onnx.ParityCheck;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.report.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports the fitted pipeline to ONNX and checks, on the test split, that ONNX Runtime gives what
 * Smile gave: a model that cannot be reproduced stops the run (exit 5) before anything is written.
 */
final class ExportStage {
    /** Keys of the model's metadata_props that other commands read (predict, serve). */
    static final String NAME = "mlship.name";
    static final String TASK = "mlship.task";
    static final String FEATURES = "mlship.features";
    static final String CLASSES = "mlship.classes";
    static final String MISSING = "mlship.missing";
    static final String DATA_SHA256 = "mlship.data_sha256";
    static final String GIT_COMMIT = "mlship.git_commit";
    static final String PRIMARY_METRIC = "mlship.primary_metric";

    record Exported(byte[] onnx, Parity parity) {}

    private ExportStage() {}

    static Exported run(Settings settings, PreparedData data, FittedPreprocessor prep, Object smileModel,
            Predictions smileOnTest, MetricName primary, String gitCommit, StageLog log) {
        List<String> classes = data.target() instanceof Target.Classes c ? c.names() : null;
        Set<String> missing = new LinkedHashSet<>(settings.spec().data().missing());
        long start = System.nanoTime();
        byte[] onnx = OnnxExporter.export(settings.spec().name(), prep, smileModel, classes, missing,
                metadata(settings, data, classes, primary, gitCommit));
        log.info(String.format(java.util.Locale.ROOT, "exported model.onnx: %d bytes in %.1f s", onnx.length, seconds(start)));
        start = System.nanoTime();
        try (OnnxModel model = OnnxModel.of(onnx)) {
            log.info(String.format(java.util.Locale.ROOT, "ONNX Runtime session ready in %.1f s", seconds(start)));
            start = System.nanoTime();
            // What a caller sends for a missing category: the empty field when that is a marker.
            String missingText = OnnxModel.missingText(settings.spec().data().missing());
            Parity parity = ParityCheck.compare(smileOnTest, model.score(data.test(), missingText), classes);
            log.info(String.format(java.util.Locale.ROOT, "parity on %d test rows in %.1f s: %s", parity.rows(),
                    seconds(start), parity.summary()));
            return new Exported(onnx, parity);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> metadata(Settings settings, PreparedData data, List<String> classes,
            MetricName primary, String gitCommit) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, settings.spec().name());
        m.put(TASK, settings.spec().model().task().id());
        List<Map<String, String>> features = data.features().stream()
                .map(f -> Map.of("name", f, "type", data.train().column(f).type().id()))
                .toList();
        m.put(FEATURES, json(features));
        if (classes != null) {
            m.put(CLASSES, json(classes));
        }
        m.put(MISSING, json(settings.spec().data().missing()));
        m.put(DATA_SHA256, data.sha256());
        if (gitCommit != null) {
            m.put(GIT_COMMIT, gitCommit);
        }
        m.put(PRIMARY_METRIC, primary.id());
        m.put("mlship.version", Version.MLSHIP);
        return m;
    }

    private static String json(Object value) {
        // Compact and key-sorted, so the same pipeline gives the same bytes.
        try {
            return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
