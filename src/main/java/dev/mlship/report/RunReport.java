package dev.mlship.report;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.MetricName;
import dev.mlship.config.Task;
import dev.mlship.data.SchemaReport;
import dev.mlship.evaluate.GateResult;
import dev.mlship.onnx.Parity;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.train.Params;
import dev.mlship.train.SearchResult;
import java.util.List;
import java.util.Map;

/** Everything one run learned, from which every output file is rendered. */
public record RunReport(
        String name,
        String configFile,
        Task task,
        AlgorithmName algorithm,
        Params params,
        long seed,
        MetricName primary,
        List<MetricName> metrics,
        Map<MetricName, Double> test,
        Map<MetricName, double[]> intervals,
        int bootstrapResamples,
        SearchResult search,
        String searchMethod,
        List<GateResult> gates,
        List<SkippedGate> skippedGates,
        DatasetInfo dataset,
        SchemaReport schema,
        List<String> classes,
        int[][] confusion,
        FittedPreprocessor preprocessor,
        List<String> notices,
        Parity parity,
        BaselineReport baseline,
        OnnxInfo onnx,
        Map<String, Long> timingsMs,
        String gitCommit,
        Analysis analysis) {

    /** The data the model was trained and tested on. */
    public record DatasetInfo(
            String path, String sha256, int rows, int trainRows, int testRows, int droppedRows, String label,
            List<String> features) {}

    /**
     * A configured gate that was not checked, and why (a max_drop gate on the first model, which has no
     * deployed model to compare with).
     *
     * @param limit the configured limit as written ("0.01", "2%")
     */
    public record SkippedGate(MetricName metric, String rule, String limit, String reason) {}

    /** The exported model file: its sha256 (hex) and size in bytes. */
    public record OnnxInfo(String sha256, long bytes) {}

    public boolean gatesPassed() {
        return gates.stream().allMatch(GateResult::passed);
    }
}
