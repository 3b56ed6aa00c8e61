package dev.mlship.serve;

import dev.mlship.onnx.SyntheticData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import dev.mlship.onnx.OnnxExporter;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Two small models trained and exported in code: a 3-class classifier and a regression. */
final class ServeFixture {
    static final List<String> FEATURES = SyntheticData.FEATURES;
    static final List<String> CLASSES = List.of("low", "mid", "high");
    static final ObjectMapper JSON = new ObjectMapper();

    private ServeFixture() {}

    static Table table(int n, long seed, boolean unseen) {
        return SyntheticData.table(n, seed, unseen);
    }

    private static double signal(Table t, int i) {
        return SyntheticData.signal(t, i);
    }

    /** A random forest classifier named {@code name}, missing categories marked "NA". */
    static byte[] classifier(String name) {
        Table train = table(400, 1, false);
        SplittableRandom r = new SplittableRandom(3);
        int[] y = new int[train.rows()];
        for (int i = 0; i < y.length; i++) {
            double s = signal(train, i) + r.nextGaussian();
            y[i] = s < 5 ? 0 : s < 9 ? 1 : 2;
        }
        return export(name, train, new Target.Classes(y, CLASSES), AlgorithmName.RANDOM_FOREST, Task.CLASSIFICATION,
                List.of("NA", ""));
    }

    /** A gradient boosting regression named {@code name}, missing categories marked "". */
    static byte[] regressor(String name) {
        Table train = table(400, 1, false);
        SplittableRandom r = new SplittableRandom(3);
        double[] y = new double[train.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e3 * (signal(train, i) + 0.1 * r.nextGaussian());
        }
        return export(name, train, new Target.Values(y), AlgorithmName.GRADIENT_BOOSTING, Task.REGRESSION, List.of(""));
    }

    private static byte[] export(String name, Table train, Target y, AlgorithmName algorithm, Task task, List<String> missing) {
        FittedPreprocessor prep = Preprocessor.fit(train, FEATURES, PrepareSpec.DEFAULT);
        Params params = new Params(AlgorithmParams.resolve(algorithm, task, Map.of())).with(Map.of("trees", 20));
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y, params, 7);
        List<String> classes = y instanceof Target.Classes c ? c.names() : null;
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("mlship.name", name);
        meta.put("mlship.task", task.id());
        if (classes != null) {
            meta.put("mlship.classes", JSON.valueToTree(classes).toString());
        }
        meta.put("mlship.missing", JSON.valueToTree(missing).toString());
        return OnnxExporter.export(name, prep, model.smile(), classes, new LinkedHashSet<>(missing), meta);
    }

    /** The columns of a table as the model takes them, missing categories as {@code missingText}. */
    static Map<String, Object> columns(Table t, String missingText) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", ((NumericColumn) t.column("count")).values().clone());
        out.put("amount", ((NumericColumn) t.column("amount")).values().clone());
        CategoricalColumn colour = (CategoricalColumn) t.column("colour");
        String[] text = new String[t.rows()];
        for (int i = 0; i < text.length; i++) {
            text[i] = colour.value(i) == null ? missingText : colour.value(i);
        }
        out.put("colour", text);
        return out;
    }

    /** A V2 inference request for rows [from, to) of the table: [N, 1] shapes, nested data, nulls for missing. */
    static ObjectNode v2Request(Table t, int from, int to) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (String name : List.of("count", "amount")) {
            ObjectNode in = inputs.addObject().put("name", name).put("datatype", "FP64");
            in.putArray("shape").add(to - from).add(1);
            ArrayNode data = in.putArray("data");
            double[] v = ((NumericColumn) t.column(name)).values();
            for (int i = from; i < to; i++) {
                if (Double.isNaN(v[i])) {
                    data.addArray().addNull();
                } else {
                    data.addArray().add(v[i]);
                }
            }
        }
        ObjectNode in = inputs.addObject().put("name", "colour").put("datatype", "BYTES");
        in.putArray("shape").add(to - from).add(1);
        ArrayNode data = in.putArray("data");
        CategoricalColumn colour = (CategoricalColumn) t.column("colour");
        for (int i = from; i < to; i++) {
            data.addArray().add(colour.value(i));
        }
        return body;
    }

    /** A V1 request for rows [from, to): a missing number is left out, a missing category sent as null. */
    static ObjectNode v1Request(Table t, int from, int to) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        double[] count = ((NumericColumn) t.column("count")).values();
        double[] amount = ((NumericColumn) t.column("amount")).values();
        CategoricalColumn colour = (CategoricalColumn) t.column("colour");
        for (int i = from; i < to; i++) {
            ObjectNode row = instances.addObject();
            if (!Double.isNaN(count[i])) {
                row.put("count", count[i]);
            }
            if (Double.isNaN(amount[i])) {
                row.putNull("amount");
            } else {
                row.put("amount", amount[i]);
            }
            row.put("colour", colour.value(i));
        }
        return body;
    }
}
