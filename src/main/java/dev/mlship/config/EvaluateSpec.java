package dev.mlship.config;

import java.util.List;
import java.util.Map;

/**
 * The `evaluate` section. {@code primary} null means the task's default (auc / rmse); {@code metrics}
 * null means every metric of the task; {@code folds} is the CV fold count when no search is declared.
 */
public record EvaluateSpec(
        MetricName primary,
        List<MetricName> metrics,
        Map<MetricName, GateSpec> gates,
        String positiveClass,
        Integer folds,
        Integer bootstrap,
        DriftSpec drift,
        List<SliceSpec> slices,
        Integer sliceMinRows,
        Map<MetricName, SliceGateSpec> sliceGates) {

    public static final EvaluateSpec DEFAULT = new EvaluateSpec(null, null, null, null, null, null, null, null, null, null);
    /** Below this many test rows a slice's metrics are reported but not judged: its interval is too wide to mean much. */
    public static final int DEFAULT_SLICE_MIN_ROWS = 30;

    public EvaluateSpec {
        metrics = metrics == null ? null : List.copyOf(metrics);
        // Insertion order kept: gates are reported in the order the file lists them.
        gates = gates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gates));
        folds = folds == null ? 5 : folds;
        bootstrap = bootstrap == null ? 1000 : bootstrap;
        drift = drift == null ? DriftSpec.DEFAULT : drift;
        slices = slices == null ? List.of() : List.copyOf(slices);
        sliceMinRows = sliceMinRows == null ? DEFAULT_SLICE_MIN_ROWS : sliceMinRows;
        sliceGates = sliceGates == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sliceGates));
    }

    /**
     * {@code evaluate.drift}: the PSI at or above which a feature counts as drifted, features left out of the
     * check, and the features whose drift fails the run ({@code gate}).
     */
    public record DriftSpec(Double threshold, List<String> ignore, List<String> gate) {
        public static final DriftSpec DEFAULT = new DriftSpec(null, null, null);

        public DriftSpec {
            threshold = threshold == null ? 0.2 : threshold;
            ignore = ignore == null ? List.of() : List.copyOf(ignore);
            gate = gate == null ? List.of() : List.copyOf(gate);
        }
    }

    /**
     * One entry of {@code evaluate.slices}: a column whose values are the slices, or a numeric column cut at
     * {@code bins} (ascending inner edges; a slice holds lower < x ≤ upper). Written as the column's name
     * alone, or as {@code {column, bins}}.
     */
    public record SliceSpec(String column, List<Double> bins) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public SliceSpec(@com.fasterxml.jackson.annotation.JsonProperty("column") String column,
                @com.fasterxml.jackson.annotation.JsonProperty("bins") List<Double> bins) {
            this.column = column;
            this.bins = bins == null ? null : List.copyOf(bins);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static SliceSpec ofColumn(String column) {
            return new SliceSpec(column, null);
        }
    }

    /** A gate every judged slice must meet: a bound on the metric itself (no max_drop, which needs the whole split). */
    public record SliceGateSpec(Double min, Double max) {
        public GateSpec asGate() {
            return new GateSpec(min, max, null);
        }
    }

    /**
     * One quality gate. {@code maxDrop} compares with the deployed baseline: a number (absolute) or a
     * percentage string such as "2%" (relative).
     */
    public record GateSpec(Double min, Double max, Object maxDrop) {}
}
