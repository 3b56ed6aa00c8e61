package dev.mlship.onnx;

import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

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
}
