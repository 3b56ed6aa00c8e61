package dev.mlship.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.DataException;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.nio.DoubleBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exported pipeline loaded into ONNX Runtime: one session, created once, scoring tables of raw
 * columns by name. Independent of Smile, so it checks the export rather than repeating it.
 */
public final class OnnxModel implements AutoCloseable {
    /** What a graph input takes. */
    public enum InputKind { NUMERIC, TEXT }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, InputKind> inputs = new LinkedHashMap<>();
    private final Map<String, String> metadata;

    private OnnxModel(OrtSession session) throws OrtException {
        this.session = session;
        for (Map.Entry<String, NodeInfo> in : session.getInputInfo().entrySet()) {
            TensorInfo info = (TensorInfo) in.getValue().getInfo();
            inputs.put(in.getKey(), info.type == OnnxJavaType.STRING ? InputKind.TEXT : InputKind.NUMERIC);
        }
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    /** Loads serialised model bytes; an invalid model is an {@link ExportException}. */
    public static OnnxModel of(byte[] bytes) {
        try {
            return new OnnxModel(OrtEnvironment.getEnvironment().createSession(bytes, new OrtSession.SessionOptions()));
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime cannot load the exported model: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model file for scoring; a missing file or one ONNX Runtime cannot load is a
     * {@link dev.mlship.config.ConfigException} (the user pointed at the wrong file).
     */
    public static OnnxModel load(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new dev.mlship.config.ConfigException(file + ": no such file; pass the model.onnx a run wrote");
        }
        try {
            return new OnnxModel(OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions()));
        } catch (OrtException e) {
            throw new dev.mlship.config.ConfigException(file + ": not an ONNX model ONNX Runtime can load ("
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + ")", e);
        }
    }

    /**
     * What to send for a missing categorical value, given the CSV's missing markers: the empty field
     * when it is one, else the first marker.
     */
    public static String missingText(java.util.List<String> markers) {
        return markers.contains("") || markers.isEmpty() ? "" : markers.getFirst();
    }

    /** Inputs by name, in graph order. */
    public Map<String, InputKind> inputs() {
        return inputs;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Scores every row of the table: each graph input reads the column of the same name.
     *
     * @param missingText what to send for a missing categorical value (one of the model's missing markers)
     */
    public Scores score(Table table, String missingText) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, InputKind> in : inputs.entrySet()) {
                feeds.put(in.getKey(), tensor(table, in.getKey(), in.getValue(), missingText));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return Scores.of(result, table.rows());
            }
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime failed to score " + table.rows() + " rows: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(Table table, String name, InputKind kind, String missingText) throws OrtException {
        Column column = table.column(name);
        if (column == null) {
            throw new DataException("the model needs column '" + name + "', which the data does not have");
        }
        long[] shape = {table.rows(), 1};
        if (kind == InputKind.NUMERIC) {
            if (!(column instanceof NumericColumn n)) {
                throw new DataException("column '" + name + "' must be numeric for this model, but holds text");
            }
            return OnnxTensor.createTensor(env, DoubleBuffer.wrap(n.values()), shape);
        }
        String[][] text = new String[table.rows()][1];
        for (int i = 0; i < text.length; i++) {
            String v = switch (column) {
                case CategoricalColumn c -> c.value(i);
                // A column the model reads as text may hold only numbers in some data: send them as written.
                case NumericColumn n -> Double.isNaN(n.values()[i]) ? null : NumberText.of(n.values()[i]);
            };
            text[i][0] = v == null ? missingText : v;
        }
        return OnnxTensor.createTensor(env, text);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing releases native memory; a failure here leaves nothing for the caller to do.
        }
    }
}
