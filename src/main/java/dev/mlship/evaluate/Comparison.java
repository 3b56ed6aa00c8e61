package dev.mlship.evaluate;

import dev.mlship.config.MetricName;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import smile.stat.distribution.ChiSquareDistribution;

/**
 * Champion and challenger on the same rows: each metric's difference (candidate − baseline) with a
 * paired bootstrap 95 % interval (both models scored on the same resampled rows), and for classifiers
 * McNemar's test on the rows where exactly one of them is right.
 */
public record Comparison(Map<MetricName, Double> baseline, Map<MetricName, Diff> diffs, McNemar mcnemar) {
    /** A difference is significant when its interval leaves out 0. */
    public record Diff(double value, double[] ci, boolean significant) {}

    /**
     * McNemar's test with continuity correction; {@code pValue} from the chi-square distribution with
     * one degree of freedom (Smile's), or 1 when the models never disagree.
     */
    public record McNemar(int candidateOnly, int baselineOnly, double pValue) {
        static McNemar of(int[] truth, int[] candidate, int[] baseline) {
            int b = 0;
            int c = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean cand = candidate[i] == truth[i];
                boolean base = baseline[i] == truth[i];
                b += cand && !base ? 1 : 0;
                c += base && !cand ? 1 : 0;
            }
            if (b + c == 0) {
                return new McNemar(0, 0, 1.0);
            }
            double chi2 = Math.pow(Math.abs(b - c) - 1.0, 2) / (b + c);
            return new McNemar(b, c, 1 - new ChiSquareDistribution(1).cdf(Math.max(chi2, 0)));
        }
    }

    public static Comparison of(List<MetricName> metrics, Target truth, Predictions candidate, Predictions baseline,
            int resamples, long seed) {
        Map<MetricName, Double> cand = Metrics.compute(metrics, truth, candidate);
        Map<MetricName, Double> base = Metrics.compute(metrics, truth, baseline);
        int n = truth.size();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[Math.max(resamples, 0)];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = root.split();
        }
        // AUC would sort every resample twice; with each model's scores sorted once it is a pass over counts (same value).
        ResampledAuc candidateAuc = metrics.contains(MetricName.AUC) ? ResampledAuc.of(truth, candidate) : null;
        ResampledAuc baselineAuc = candidateAuc == null ? null : ResampledAuc.of(truth, baseline);
        boolean fastAuc = baselineAuc != null;
        List<MetricName> others = fastAuc ? metrics.stream().filter(m -> m != MetricName.AUC).toList() : metrics;
        double[][] deltas = new double[streams.length][];
        IntStream.range(0, streams.length).parallel().forEach(b -> {
            int[] rows = streams[b].ints(n, 0, n).toArray();
            Map<MetricName, Double> c = new EnumMap<>(MetricName.class);
            Map<MetricName, Double> p = new EnumMap<>(MetricName.class);
            if (!others.isEmpty()) {
                Target t = truth.select(rows);
                c.putAll(Metrics.compute(others, t, candidate.select(rows)));
                p.putAll(Metrics.compute(others, t, baseline.select(rows)));
            }
            if (fastAuc) {
                int[] codes = ((Target.Classes) truth).codes();
                c.put(MetricName.AUC, candidateAuc.of(codes, rows));
                p.put(MetricName.AUC, baselineAuc.of(codes, rows));
            }
            deltas[b] = metrics.stream().mapToDouble(m -> c.get(m) - p.get(m)).toArray();
        });
        Map<MetricName, Diff> diffs = new EnumMap<>(MetricName.class);
        for (int j = 0; j < metrics.size(); j++) {
            int col = j;
            double[] d = Arrays.stream(deltas).mapToDouble(v -> v[col]).filter(Double::isFinite).sorted().toArray();
            double[] ci = d.length * 2 >= Math.max(resamples, 1) && d.length > 0
                    ? new double[] {Bootstrap.percentile(d, 0.025), Bootstrap.percentile(d, 0.975)}
                    : null;
            MetricName m = metrics.get(j);
            diffs.put(m, new Diff(cand.get(m) - base.get(m), ci, ci != null && (ci[0] > 0 || ci[1] < 0)));
        }
        McNemar mcnemar = truth instanceof Target.Classes t && candidate instanceof Predictions.Classes c
                && baseline instanceof Predictions.Classes b ? McNemar.of(t.codes(), c.labels(), b.labels()) : null;
        return new Comparison(base, diffs, mcnemar);
    }
}
