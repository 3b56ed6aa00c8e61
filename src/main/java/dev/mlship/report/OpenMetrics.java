package dev.mlship.report;

import dev.mlship.config.MetricName;
import java.util.Locale;

/**
 * metrics.txt in the OpenMetrics text format (GitLab's {@code artifacts:reports:metrics}): one gauge per
 * test metric, the gate verdict, and the change against production where it was scored on the same rows.
 */
public final class OpenMetrics {
    private OpenMetrics() {}

    public static String render(RunReport r) {
        StringBuilder sb = new StringBuilder();
        for (MetricName m : r.metrics()) {
            gauge(sb, "mlship_" + m.id(), r.test().get(m));
        }
        gauge(sb, "mlship_gates_passed", r.gatesPassed() ? 1.0 : 0.0);
        var comparison = r.baseline().comparison();
        if (comparison != null) {
            for (MetricName m : r.metrics()) {
                var diff = comparison.diffs().get(m);
                gauge(sb, "mlship_" + m.id() + "_change", diff == null ? null : diff.value());
            }
        }
        return sb.append("# EOF\n").toString();
    }

    private static void gauge(StringBuilder sb, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            return;
        }
        sb.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%.6g", value)).append('\n');
    }
}
