package dev.mlship.evaluate;

import dev.mlship.config.EvaluateSpec.GateSpec;
import dev.mlship.config.EvaluateSpec.SliceGateSpec;
import dev.mlship.config.EvaluateSpec.SliceSpec;
import dev.mlship.config.MetricName;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics per segment of the test split: for this model and, on the same rows, for the baseline, with the
 * paired-bootstrap interval of the difference. A slice under the minimum row count is reported but not
 * judged: no interval, no gate.
 */
public final class Slices {
    /**
     * Resamples of a slice's paired bootstrap, at most: every slice column resamples the whole test split
     * again, and a slice's interval is read for whether it leaves out 0, which 200 resamples settle.
     */
    public static final int MAX_RESAMPLES = 200;

    private Slices() {}

    /**
     * One slice. {@code baseline} and {@code diff} are null without a baseline scored on these rows;
     * {@code diff} is also null for a slice that is not judged.
     */
    public record Slice(String column, String value, int rows, boolean judged, Map<MetricName, Double> metrics,
            Map<MetricName, Double> baseline, Map<MetricName, Comparison.Diff> diff) {

        public String label() {
            return column + " = " + value;
        }
    }

    /** The segments of one configured slice: each value's (or bin's) label and its rows, in a fixed order. */
    public static Map<String, int[]> segments(SliceSpec spec, Table table) {
        Column column = table.column(spec.column());
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        if (column instanceof NumericColumn n && spec.bins() != null) {
            List<Double> edges = spec.bins();
            for (int b = 0; b <= edges.size(); b++) {
                rows.put(binLabel(edges, b), new ArrayList<>());
            }
            for (int i = 0; i < n.size(); i++) {
                double v = n.values()[i];
                if (Double.isNaN(v)) {
                    rows.computeIfAbsent("missing", k -> new ArrayList<>()).add(i);
                    continue;
                }
                int b = 0;
                while (b < edges.size() && v > edges.get(b)) {
                    b++;
                }
                rows.get(binLabel(edges, b)).add(i);
            }
        } else {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < column.size(); i++) {
                values.add(column.isMissing(i) ? null : text(column, i));
            }
            values.stream().filter(v -> v != null).distinct().sorted().forEach(v -> rows.put(v, new ArrayList<>()));
            for (int i = 0; i < values.size(); i++) {
                rows.computeIfAbsent(values.get(i) == null ? "missing" : values.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        rows.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.stream().mapToInt(Integer::intValue).toArray());
            }
        });
        return out;
    }

    private static String text(Column column, int row) {
        return switch (column) {
            case CategoricalColumn c -> c.value(row);
            case NumericColumn n -> number(n.values()[row]);
        };
    }

    static String binLabel(List<Double> edges, int b) {
        if (b == 0) {
            return "≤ " + number(edges.getFirst());
        }
        if (b == edges.size()) {
            return "> " + number(edges.getLast());
        }
        return number(edges.get(b - 1)) + " – " + number(edges.get(b));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Double.toString(v);
    }

    public static List<Slice> of(List<SliceSpec> specs, Table test, Target truth, Predictions candidate, Predictions baseline,
            List<MetricName> metrics, int minRows, int resamples, long seed) {
        List<Slice> out = new ArrayList<>();
        for (SliceSpec spec : specs) {
            for (Map.Entry<String, int[]> segment : segments(spec, test).entrySet()) {
                int[] rows = segment.getValue();
                Target t = truth.select(rows);
                Predictions c = candidate.select(rows);
                boolean judged = rows.length >= minRows;
                Map<MetricName, Double> own = Metrics.compute(metrics, t, c);
                Map<MetricName, Double> base = null;
                Map<MetricName, Comparison.Diff> diff = null;
                if (baseline != null) {
                    Predictions b = baseline.select(rows);
                    if (judged) {
                        Comparison cmp = Comparison.of(metrics, t, c, b, resamples, seed);
                        base = cmp.baseline();
                        diff = cmp.diffs();
                    } else {
                        base = Metrics.compute(metrics, t, b);
                    }
                }
                out.add(new Slice(spec.column(), segment.getKey(), rows.length, judged, own, base, diff));
            }
        }
        return out;
    }

    /** The slice gates on every judged slice where the metric is defined; scope names the slice. */
    public static List<GateResult> gates(Map<MetricName, SliceGateSpec> sliceGates, List<Slice> slices) {
        Map<MetricName, GateSpec> gates = new java.util.LinkedHashMap<>();
        sliceGates.forEach((m, g) -> gates.put(m, g.asGate()));
        List<GateResult> out = new ArrayList<>();
        for (Slice s : slices) {
            if (!s.judged()) {
                continue;
            }
            for (GateResult g : Gates.check(gates, s.metrics())) {
                if (Double.isFinite(g.value())) {
                    out.add(new GateResult(g.metric(), g.rule(), g.threshold(), g.value(), g.passed(), s.label()));
                }
            }
        }
        return out;
    }
}
