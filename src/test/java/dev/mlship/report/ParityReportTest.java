package dev.mlship.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.onnx.Parity;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What report.md and metrics.json say of parity: the relative figure, the rule, and the ties by row. */
class ParityReportTest {
    @Test
    void tiesAreCountedInMetricsJsonAndListedInTheReport() throws Exception {
        List<Integer> ties = IntStream.range(0, 25).map(i -> 3 * i).boxed().toList();
        Parity p = new Parity(1000, 0.975, 2.5e-7, 1.25e-7, ties);

        String md = MarkdownReport.parity(p);
        String json = Json.mapper().writeValueAsString(MetricsJson.ParityJson.of(p));

        assertThat(md).contains("on 1000 test rows: labels agree on 97.50 % (25 ties broken the other way),"
                + " largest difference 2.5e-07 (relative 1.3e-07; allowed 1e-06).");
        assertThat(md).contains("equal within the tolerance: 0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51,"
                + " 54, 57 and 5 more.");
        assertThat(json).contains("\"ties\" : 25", "\"max_rel_diff\" : 1.25E-7", "\"label_agreement\" : 0.975",
                "\"rule\" : \"|Δ| ≤ 1e-6 · max(1, |trained value|)");
    }

    @Test
    void withoutTiesNothingIsListed() {
        String md = MarkdownReport.parity(new Parity(52, 1.0, 0.0001220703125, 2.0e-17, List.of()));
        assertThat(md).isEqualTo("ONNX export checked with ONNX Runtime on 52 test rows: labels agree on 100 %, largest"
                + " difference 0.00012 (relative 2.0e-17; allowed 1e-06).\n\n");
    }
}
