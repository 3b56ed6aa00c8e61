package dev.mlship.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlship.config.DataSpec;
import dev.mlship.data.ColumnType;
import dev.mlship.data.CsvOptions;
import dev.mlship.data.DataReader;
import dev.mlship.data.DataException;
import dev.mlship.data.Table;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.PredictionCsv;
import dev.mlship.onnx.Scores;
import dev.mlship.report.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score the rows of a CSV with an exported model.onnx, with ONNX Runtime alone.")
public class PredictCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model.onnx a run wrote.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows to score, columns named as in training.")
    Path data;

    @Option(names = "--out", paramLabel = "CSV", description = "Where to write the predictions (default: standard output).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (OnnxModel onnx = OnnxModel.load(model)) {
            List<String> missing = listMetadata(onnx, "mlship.missing", DataSpec.DEFAULT_MISSING);
            Map<String, ColumnType> types = new LinkedHashMap<>();
            // The model's input types decide how columns are read, so "01" stays the category "01".
            onnx.inputs().forEach((name, kind) ->
                    types.put(name, kind == OnnxModel.InputKind.NUMERIC ? ColumnType.NUMERIC : ColumnType.CATEGORICAL));
            Table table = DataReader.read(data, new CsvOptions(null, new LinkedHashSet<>(missing), types, CsvOptions.TypesFrom.MODEL)).table();
            for (String input : onnx.inputs().keySet()) {
                if (table.column(input) == null) {
                    throw new DataException(data + " has no column '" + input + "', which the model needs; columns: "
                            + String.join(", ", table.names()));
                }
            }
            Scores scores = onnx.score(table, OnnxModel.missingText(missing));
            List<String> classes = listMetadata(onnx, "mlship.classes", null);
            PredictionCsv csv = new PredictionCsv(scores, classes);
            if (out == null) {
                spec.commandLine().getOut().print(csv.render());
                spec.commandLine().getOut().flush();
            } else {
                csv.writeTo(out);
            }
        }
        return 0;
    }

    private static List<String> listMetadata(OnnxModel onnx, String key, List<String> fallback) throws IOException {
        String json = onnx.metadata().get(key);
        return json == null ? fallback : Json.mapper().readValue(json, new TypeReference<List<String>>() {});
    }
}
