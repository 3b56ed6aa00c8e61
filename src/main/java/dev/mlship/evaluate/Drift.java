package dev.mlship.evaluate;

import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data drift of this run's training split against the baseline's training statistics: the Population
 * Stability Index per feature, on the baseline's own bins (a numeric feature's decile bins plus one for
 * missing values; a categorical feature's kept categories, "other" for the rest and unseen values, and
 * missing). One statistic for both kinds of feature, so one threshold means the same everywhere; 0.1 and
 * 0.25 are the usual "moderate" and "major" marks, and Evidently uses PSI on categories as well.
 */
public final class Drift {
    public static final String METHOD = "psi";
    public static final double DEFAULT_THRESHOLD = 0.2;
    /** An empty bin would make PSI infinite; Evidently floors proportions the same way. */
    static final double FLOOR = 1e-4;

    private Drift() {}

    public record FeatureDrift(double statistic, boolean drifted) {}

    /**
     * @param features the features of both runs that are compared, in report order
     * @param skipped features not compared and why (ignored, new, or retyped)
     */
    public record Report(String method, double threshold, Map<String, FeatureDrift> features, Map<String, String> skipped) {
        public List<String> drifted() {
            return features.entrySet().stream().filter(e -> e.getValue().drifted()).map(Map.Entry::getKey).toList();
        }
    }

    public static Report of(TrainingStatistics baseline, Table current, List<String> features, double threshold,
            Set<String> ignore) {
        Map<String, FeatureDrift> out = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String name : features) {
            TrainingStatistics.Feature base = baseline.features().get(name);
            Column column = current.column(name);
            if (ignore.contains(name)) {
                skipped.put(name, "ignored");
            } else if (base == null) {
                skipped.put(name, "not in the baseline's training data");
            } else if (base.numeric() != column instanceof NumericColumn) {
                skipped.put(name, "changed type");
            } else {
                double psi = switch (column) {
                    case NumericColumn n -> psi(numericBins(base), numericBins(n.values(), base.edges()));
                    case CategoricalColumn c -> psi(categoryBins(base), categoryBins(c, base));
                };
                out.put(name, new FeatureDrift(psi, psi >= threshold));
            }
        }
        return new Report(METHOD, threshold, out, skipped);
    }

    /** Σ (q − p) · ln(q / p) over bins of proportions, each floored at {@link #FLOOR}. */
    public static double psi(long[] expected, long[] actual) {
        double p = sum(expected);
        double q = sum(actual);
        if (p == 0 || q == 0) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < expected.length; i++) {
            double pi = Math.max(expected[i] / p, FLOOR);
            double qi = Math.max(actual[i] / q, FLOOR);
            total += (qi - pi) * Math.log(qi / pi);
        }
        return total;
    }

    private static double sum(long[] counts) {
        double s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /** The baseline's histogram with its missing count as the last bin. */
    private static long[] numericBins(TrainingStatistics.Feature base) {
        long[] out = java.util.Arrays.copyOf(base.counts(), base.counts().length + 1);
        out[out.length - 1] = base.missing();
        return out;
    }

    private static long[] numericBins(double[] values, double[] edges) {
        long[] hist = TrainingStatistics.histogram(values, edges);
        long[] out = java.util.Arrays.copyOf(hist, hist.length + 1);
        for (double v : values) {
            if (Double.isNaN(v)) {
                out[out.length - 1]++;
            }
        }
        return out;
    }

    /** Kept categories in the file's (sorted) order, then other, then missing. */
    private static long[] categoryBins(TrainingStatistics.Feature base) {
        long[] out = new long[base.categories().size() + 2];
        int i = 0;
        for (long count : base.categories().values()) {
            out[i++] = count;
        }
        out[i++] = base.other() == null ? 0 : base.other();
        out[i] = base.missing();
        return out;
    }

    private static long[] categoryBins(CategoricalColumn c, TrainingStatistics.Feature base) {
        List<String> kept = List.copyOf(base.categories().keySet());
        int[] binOfLevel = new int[c.levels().size()];
        for (int l = 0; l < binOfLevel.length; l++) {
            int k = kept.indexOf(c.levels().get(l));
            binOfLevel[l] = k >= 0 ? k : kept.size();
        }
        long[] out = new long[kept.size() + 2];
        for (int code : c.codes()) {
            out[code == CategoricalColumn.MISSING ? kept.size() + 1 : binOfLevel[code]]++;
        }
        return out;
    }
}
