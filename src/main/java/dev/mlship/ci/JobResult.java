package dev.mlship.ci;

import dev.mlship.report.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a CI job hands to later steps: the action's outputs, the summary Markdown, and the run's report
 * (null when the job only promoted an image evaluated earlier).
 */
public record JobResult(
        String image,
        String digest,
        Boolean gatePassed,
        String primaryMetric,
        Double primaryValue,
        String metricsJson,
        String reportPath,
        String summary,
        RunReport report) {

    /** The outputs by their names in action.yml; absent values are left out. */
    public Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "image", image);
        put(out, "digest", digest);
        put(out, "gate_passed", gatePassed == null ? null : gatePassed.toString());
        put(out, "primary_metric", primaryMetric);
        put(out, "primary_value", primaryValue == null ? null : primaryValue.toString());
        put(out, "metrics_json", metricsJson);
        put(out, "report_path", reportPath);
        return out;
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
