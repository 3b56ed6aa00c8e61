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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported pipeline loaded into ONNX Runtime: one session, created once, scoring tables of raw
 * columns by name. Independent of Smile, so it checks the export rather than repeating it.
 */
public final class OnnxModel implements AutoCloseable {
    /** What a graph input takes. */
    public enum InputKind { NUMERIC, TEXT }

    static {
        OnnxRuntimeLibraries.ensureConfigured();
    }

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

    /**
     * A graph input or output as ONNX Runtime reports it.
     *
     * @param elementType ONNX Runtime's element type, e.g. DOUBLE, STRING, FLOAT, INT64
     * @param shape the dimensions, -1 where the graph leaves one open (the batch)
     */
    public record Port(String name, String elementType, long[] shape) {}

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

    /**
     * Loads serialised model bytes for serving: each scoring call uses at most {@code intraOpThreads}
     * threads (1 = the caller's own thread, for many concurrent callers), without spin-waiting.
     */
    public static OnnxModel of(byte[] bytes, int intraOpThreads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new OnnxModel(OrtEnvironment.getEnvironment().createSession(bytes, options));
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime cannot load the exported model: " + e.getMessage(), e);
        }
    }

    /** Rows scored in one call of ONNX Runtime: ~16k rows keep its tensors to a few MB a column. */
    static final int SCORE_BLOCK_ROWS = 1 << 14;

    /** Inputs by name, in graph order. */
    public Map<String, InputKind> inputs() {
        return inputs;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Scores every row of the table: each graph input reads the column of the same name. The rows go
     * through in blocks, so ONNX Runtime's inputs and intermediate tensors stay small whatever the table.
     *
     * @param missingText what to send for a missing categorical value (one of the model's missing markers)
     */
    public Scores score(Table table, String missingText) {
        List<Scores> blocks = new ArrayList<>();
        // An empty table still makes one (empty) call, so the outputs keep their shape.
        for (int from = 0; from < table.rows() || from == 0; from += SCORE_BLOCK_ROWS) {
            blocks.add(score(table, from, Math.min(SCORE_BLOCK_ROWS, table.rows() - from), missingText));
        }
        return Scores.concat(blocks);
    }

    private Scores score(Table table, int from, int count, String missingText) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, InputKind> in : inputs.entrySet()) {
                feeds.put(in.getKey(), tensor(table, from, count, in.getKey(), in.getValue(), missingText));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return Scores.of(result, count);
            }
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime failed to score " + table.rows() + " rows: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(Table table, int from, int count, String name, InputKind kind, String missingText)
            throws OrtException {
        Column column = table.column(name);
        if (column == null) {
            throw new DataException("the model needs column '" + name + "', which the data does not have");
        }
        long[] shape = {count, 1};
        if (kind == InputKind.NUMERIC) {
            if (!(column instanceof NumericColumn n)) {
                throw new DataException("column '" + name + "' must be numeric for this model, but holds text");
            }
            return OnnxTensor.createTensor(env, DoubleBuffer.wrap(n.values(), from, count).slice(), shape);
        }
        String[][] text = new String[count][1];
        for (int k = 0; k < count; k++) {
            int i = from + k;
            String v = switch (column) {
                case CategoricalColumn c -> c.value(i);
                // A column the model reads as text may hold only numbers in some data: send them as written.
                case NumericColumn n -> Double.isNaN(n.values()[i]) ? null : NumberText.of(n.values()[i]);
            };
            text[k][0] = v == null ? missingText : v;
        }
        return OnnxTensor.createTensor(env, text);
    }

    /** The graph's inputs, in graph order. */
    public List<Port> inputPorts() {
        try {
            return ports(session.getInputInfo());
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime cannot describe the model's inputs: " + e.getMessage(), e);
        }
    }

    /** The graph's outputs, in graph order. */
    public List<Port> outputPorts() {
        try {
            return ports(session.getOutputInfo());
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime cannot describe the model's outputs: " + e.getMessage(), e);
        }
    }

    private static List<Port> ports(Map<String, NodeInfo> infos) {
        List<Port> out = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                out.add(new Port(e.getKey(), t.type.name(), t.getShape()));
            } else {
                out.add(new Port(e.getKey(), "UNKNOWN", new long[0]));
            }
        }
        return out;
    }

    /**
     * Scores rows given column by column: a {@code double[]} for each numeric input (NaN where missing)
     * and a {@code String[]} for each text input (the missing marker where missing), each of length
     * {@code rows}. Safe to call from many threads at once: the one session serves them all.
     */
    public Scores score(Map<String, ?> columns, int rows) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, InputKind> in : inputs.entrySet()) {
                String name = in.getKey();
                Object column = columns.get(name);
                long[] shape = {rows, 1};
                if (in.getValue() == InputKind.NUMERIC && column instanceof double[] values && values.length == rows) {
                    feeds.put(name, OnnxTensor.createTensor(env, DoubleBuffer.wrap(values), shape));
                } else if (in.getValue() == InputKind.TEXT && column instanceof String[] text && text.length == rows) {
                    feeds.put(name, OnnxTensor.createTensor(env, text, shape));
                } else {
                    throw new DataException("input '" + name + "' needs " + rows + " "
                            + (in.getValue() == InputKind.NUMERIC ? "numbers" : "strings"));
                }
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return Scores.of(result, rows);
            }
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime failed to score " + rows + " rows: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
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
