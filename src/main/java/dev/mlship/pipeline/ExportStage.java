package dev.mlship.pipeline;

import dev.mlship.Version;
import dev.mlship.config.MetricName;
import dev.mlship.config.Settings;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.onnx.OnnxExporter;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.Parity;
import dev.mlship.onnx.ParityCheck;
import dev.mlship.onnx.ParitySample;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.report.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Exports the fitted pipeline to ONNX and checks, on the test split (a seeded sample of a large one,
 * {@link ParitySample}), that ONNX Runtime gives what Smile gave: a model that cannot be reproduced stops
 * the run (exit 5) before anything is written. The check needs only the exported bytes, the test rows and
 * the trained model's predictions on them, so it runs on its own thread while the baseline and analysis
 * stages use the trained model.
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

    /** model.onnx, with its parity check under way on a thread of its own. */
    static final class Started {
        private final byte[] onnx;
        private final CompletableFuture<Parity> parity;
        private final StringWriter lines;

        private Started(byte[] onnx, CompletableFuture<Parity> parity, StringWriter lines) {
            this.onnx = onnx;
            this.parity = parity;
            this.lines = lines;
        }

        /** Waits for the parity check and logs what it did; its failure (exit 5 for a disagreement) is thrown here. */
        Exported join(StageLog log) {
            try {
                return new Exported(onnx, parity.join());
            } catch (CompletionException e) {
                switch (e.getCause()) {
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException(e.getCause());
                }
            } finally {
                lines.toString().lines().forEach(line -> log.info(line.strip()));
            }
        }
    }

    private ExportStage() {}

    /** Exports the pipeline (a model that cannot be exported fails here) and starts the parity check. */
    static Started start(Settings settings, PreparedData data, FittedPreprocessor prep, Object smileModel,
            Predictions smileOnTest, MetricName primary, String gitCommit, StageLog log) {
        List<String> classes = data.target() instanceof Target.Classes c ? c.names() : null;
        Set<String> missing = new LinkedHashSet<>(settings.spec().data().missing());
        long start = System.nanoTime();
        byte[] onnx = OnnxExporter.export(settings.spec().name(), prep, smileModel, classes, missing,
                metadata(settings, data, classes, primary, gitCommit));
        log.info(String.format(java.util.Locale.ROOT, "exported model.onnx: %d bytes in %.1f s", onnx.length, seconds(start)));
        // What a caller sends for a missing category: the empty field when that is a marker.
        String missingText = OnnxModel.missingText(settings.spec().data().missing());
        int[] rows = ParitySample.rows(data.test().rows(), settings.spec().data().split().seed());
        Table scored = rows.length == data.test().rows() ? data.test() : data.test().select(rows);
        StringWriter lines = new StringWriter();
        PrintWriter out = new PrintWriter(lines, true);
        CompletableFuture<Parity> parity = new CompletableFuture<>();
        Thread.ofPlatform().name("mlship-parity").daemon().start(() -> {
            try {
                parity.complete(check(onnx, scored, missingText, smileOnTest, classes, rows, out));
            } catch (Throwable t) {
                parity.completeExceptionally(t);
            }
        });
        return new Started(onnx, parity, lines);
    }

    private static Parity check(byte[] onnx, Table scored, String missingText, Predictions smileOnTest, List<String> classes,
            int[] rows, PrintWriter log) {
        long start = System.nanoTime();
        try (OnnxModel model = OnnxModel.of(onnx)) {
            log.println(String.format(java.util.Locale.ROOT, "ONNX Runtime session ready in %.1f s", seconds(start)));
            start = System.nanoTime();
            Parity parity = ParityCheck.compare(smileOnTest, model.score(scored, missingText), classes, rows);
            log.println(String.format(java.util.Locale.ROOT, "parity on %d test rows%s in %.1f s: %s", parity.rows(),
                    parity.sampled() ? " (a seeded sample of " + parity.testRows() + ")" : "", seconds(start), parity.summary()));
            return parity;
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
