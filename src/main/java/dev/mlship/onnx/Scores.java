package dev.mlship.onnx;

import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.List;

/** What ONNX Runtime returned: labels and probabilities for a classifier, or predictions. */
public record Scores(String[] labels, double[][] probabilities, double[] predictions) {
    static Scores of(OrtSession.Result result, int rows) throws OrtException {
        if (result.get(ModelExport.PREDICTION).isPresent()) {
            double[][] p = (double[][]) result.get(ModelExport.PREDICTION).get().getValue();
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = p[i][0];
            }
            return new Scores(null, null, out);
        }
        OnnxValue labels = result.get(ModelExport.LABEL).orElseThrow(() -> new ExportException("the model has no label output"));
        OnnxValue probabilities = result.get(ModelExport.PROBABILITIES)
                .orElseThrow(() -> new ExportException("the model has no probabilities output"));
        return new Scores((String[]) labels.getValue(), (double[][]) probabilities.getValue(), null);
    }

    /** The scores of consecutive blocks of rows, as one. */
    static Scores concat(List<Scores> blocks) {
        if (blocks.size() == 1) {
            return blocks.getFirst();
        }
        Scores first = blocks.getFirst();
        if (first.predictions() != null) {
            return new Scores(null, null, blocks.stream().flatMapToDouble(b -> Arrays.stream(b.predictions())).toArray());
        }
        return new Scores(blocks.stream().flatMap(b -> Arrays.stream(b.labels())).toArray(String[]::new),
                blocks.stream().flatMap(b -> Arrays.stream(b.probabilities())).toArray(double[][]::new), null);
    }
}
