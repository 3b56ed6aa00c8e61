package dev.mlship.report;

import static dev.mlship.report.Markdown.escape;
import static dev.mlship.report.MarkdownReport.num;
import static dev.mlship.report.MarkdownReport.signed;

import dev.mlship.config.MetricName;
import dev.mlship.evaluate.Comparison;
import dev.mlship.evaluate.Drift;
import dev.mlship.evaluate.GateResult;
import dev.mlship.evaluate.Reliability;
import dev.mlship.evaluate.RocCurve;
import dev.mlship.evaluate.Slices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The drift, slice, importance and calibration sections shared by report.md (everything) and the review
 * comment (each table cut to a limit, saying what was left out), with Mermaid {@code xychart-beta} charts
 * that GitHub and GitLab draw.
 */
final class AnalysisMarkdown {
    /** Rows a table shows when it is not limited. */
    static final int ALL = Integer.MAX_VALUE;

    private AnalysisMarkdown() {}

    /** One line for the data paragraph: how many features drifted, or why drift was not measured. */
    static String driftSummary(Analysis a) {
        if (a.drift() == null) {
            return "Data drift not measured: " + escape(a.driftNote()) + ".";
        }
        List<String> drifted = a.drift().drifted();
        if (drifted.isEmpty()) {
            return "No feature drifted from production's training data (PSI < " + num(a.drift().threshold()) + " for all "
                    + a.drift().features().size() + ").";
        }
        List<String> shown = drifted.stream().sorted(Comparator.comparingDouble(f -> -a.drift().features().get(f).statistic()))
                .limit(10).map(f -> "**" + escape(f) + "**").toList();
        return "**" + drifted.size() + " of " + a.drift().features().size() + " features drifted** from production's training"
                + " data (PSI ≥ " + num(a.drift().threshold()) + "): " + String.join(", ", shown)
                + (drifted.size() > shown.size() ? " and " + (drifted.size() - shown.size()) + " more" : "") + ".";
    }

    /** The drift table, highest PSI first. */
    static String driftTable(Analysis a, int limit) {
        Drift.Report d = a.drift();
        StringBuilder md = new StringBuilder();
        List<Map.Entry<String, Drift.FeatureDrift>> rows = d.features().entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Drift.FeatureDrift> e) -> -e.getValue().statistic())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        md.append("Population Stability Index of each feature of this training split on the bins of production's (deciles"
                + " for numbers, categories for text); a feature drifted at PSI ≥ ").append(num(d.threshold()))
                .append(" (`evaluate.drift.threshold`).\n\n| feature | PSI | drifted |\n|---|---:|---|\n");
        rows.stream().limit(limit).forEach(e -> md.append("| ").append(escape(e.getKey())).append(" | ")
                .append(num(e.getValue().statistic())).append(" | ").append(e.getValue().drifted() ? "**yes**" : "no").append(" |\n"));
        if (rows.size() > limit) {
            md.append("\nShortened: the ").append(limit).append(" highest of ").append(rows.size())
                    .append(" features; all are in metrics.json.\n");
        }
        if (!d.skipped().isEmpty()) {
            md.append("\nNot compared: ").append(d.skipped().entrySet().stream().limit(limit)
                    .map(e -> escape(e.getKey()) + " (" + escape(e.getValue()) + ")").collect(Collectors.joining(", ")))
                    .append(d.skipped().size() > limit ? " and " + (d.skipped().size() - limit) + " more" : "").append(".\n");
        }
        return md.toString();
    }

    /** The metrics of the slices; when limited, the slices where this change hurts most come first. */
    static String slicesTable(RunReport r, int limit) {
        List<Slices.Slice> slices = r.analysis().slices();
        MetricName primary = r.primary();
        List<MetricName> metrics = new ArrayList<>(slices.getFirst().metrics().keySet());
        StringBuilder md = new StringBuilder();
        int minRows = slices.stream().filter(s -> !s.judged()).mapToInt(Slices.Slice::rows).max().orElse(0);
        md.append("Each slice of the test split, this PR against production on the same rows; Δ is this PR minus production,")
                .append(" with its paired-bootstrap 95 % interval.")
                .append(minRows > 0 ? " Slices marked † have too few rows to be judged (`evaluate.slice_min_rows`)." : "")
                .append("\n\n| slice | rows |");
        for (MetricName m : metrics) {
            md.append(' ').append(m == primary ? "**" + m.id() + "**" : m.id()).append(" | Δ ").append(m.id()).append(" (95 % CI) |");
        }
        md.append(" gates |\n|---|---:|").append("---:|---:|".repeat(metrics.size())).append("---|\n");
        Map<String, List<GateResult>> gates = new HashMap<>();
        r.gates().stream().filter(g -> g.scope() != null && g.metric() != null)
                .forEach(g -> gates.computeIfAbsent(g.scope(), k -> new ArrayList<>()).add(g));
        List<Slices.Slice> ordered = new ArrayList<>(slices);
        if (slices.size() > limit) {
            ordered.sort(Comparator.comparing((Slices.Slice s) -> gates.getOrDefault(s.label(), List.of()).stream().allMatch(GateResult::passed))
                    .thenComparingDouble(s -> worseness(s, primary)));
        }
        for (Slices.Slice s : ordered.subList(0, Math.min(limit, ordered.size()))) {
            md.append("| ").append(escape(s.column())).append(" = ").append(escape(s.value())).append(s.judged() ? "" : " †")
                    .append(" | ").append(s.rows()).append(" |");
            for (MetricName m : metrics) {
                Comparison.Diff d = s.diff() == null ? null : s.diff().get(m);
                Double base = s.baseline() == null ? null : s.baseline().get(m);
                md.append(' ').append(num(s.metrics().get(m))).append(" | ");
                if (d != null) {
                    md.append(delta(m, d)).append(d.ci() == null ? "" : " (" + signed(d.ci()[0]) + " – " + signed(d.ci()[1]) + ")");
                } else if (base != null) {
                    md.append(signed(s.metrics().get(m) - base));
                } else {
                    md.append('–');
                }
                md.append(" |");
            }
            md.append(' ').append(gates.getOrDefault(s.label(), List.of()).stream()
                    .map(g -> (g.passed() ? "✅ " : "❌ ") + g.metric().id() + " " + (g.rule().equals("min") ? "≥ " : "≤ ") + num(g.threshold()))
                    .collect(Collectors.joining(", "))).append(" |\n");
        }
        if (slices.size() > limit) {
            md.append("\nShortened: ").append(limit).append(" of ").append(slices.size())
                    .append(" slices, failed gates and the largest drops first; all are in metrics.json.\n");
        }
        return md.toString();
    }

    /** How much worse this PR is on the slice's primary metric (higher: worse), for ordering. */
    private static double worseness(Slices.Slice s, MetricName primary) {
        Comparison.Diff d = s.diff() == null ? null : s.diff().get(primary);
        if (d == null || Double.isNaN(d.value())) {
            return 0;
        }
        return primary.higherIsBetter() ? d.value() : -d.value();
    }

    private static String delta(MetricName m, Comparison.Diff d) {
        if (!d.significant()) {
            return signed(d.value());
        }
        return "**" + signed(d.value()) + "** " + (m.higherIsBetter() == d.value() > 0 ? "▲" : "▼");
    }

    /** The top features by this model's permutation importance, with production's and the change in rank. */
    static String importanceTable(RunReport r, int limit) {
        List<Analysis.Importance> rows = r.analysis().importance();
        boolean withBaseline = rows.stream().anyMatch(i -> i.baseline() != null);
        Map<String, Integer> baselineRank = new HashMap<>();
        List<Analysis.Importance> byBaseline = rows.stream().filter(i -> i.baseline() != null && !i.baseline().isNaN())
                .sorted(Comparator.comparingDouble((Analysis.Importance i) -> -i.baseline())).toList();
        for (int i = 0; i < byBaseline.size(); i++) {
            baselineRank.put(byBaseline.get(i).feature(), i + 1);
        }
        StringBuilder md = new StringBuilder();
        md.append("Drop of ").append(r.primary().id()).append(" on the test rows when one feature's values are shuffled (mean of ")
                .append(dev.mlship.evaluate.PermutationImportance.REPEATS).append(" seeded shuffles, on ")
                .append(String.format(Locale.ROOT, "%,d", Math.min(r.dataset().testRows(), dev.mlship.evaluate.PermutationImportance
                        .sampleSize(rows.size()))))
                .append(" test rows).\n\n")
                .append(withBaseline ? "| # | feature | this PR | production | rank change |\n|---:|---|---:|---:|---|\n"
                        : "| # | feature | this PR |\n|---:|---|---:|\n");
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            Analysis.Importance imp = rows.get(i);
            md.append("| ").append(i + 1).append(" | ").append(escape(imp.feature())).append(" | ").append(num(imp.importance()));
            if (withBaseline) {
                Integer was = baselineRank.get(imp.feature());
                md.append(" | ").append(imp.baseline() == null ? "–" : num(imp.baseline())).append(" | ")
                        .append(was == null ? "new" : was == i + 1 ? "=" : was > i + 1 ? "▲ " + (was - i - 1) + " (was " + was + ")"
                                : "▼ " + (i + 1 - was) + " (was " + was + ")");
            }
            md.append(" |\n");
        }
        if (rows.size() > limit) {
            md.append("\nTop ").append(limit).append(" of ").append(rows.size()).append(" features; all are in metrics.json.\n");
        }
        return md.toString();
    }

    /** The reliability tables of both models, side by side. */
    static String reliabilityTable(Analysis a, boolean classification) {
        StringBuilder md = new StringBuilder();
        boolean both = a.baselineReliability() != null;
        String observed = classification ? "observed rate" : "mean actual";
        md.append(classification ? "Test rows in 10 bins of the predicted probability of the positive class: the mean prediction"
                + " and the observed rate of positives agree for a calibrated model.\n\n"
                : "Test rows in 10 equal-count bins of the prediction: mean prediction against mean actual value.\n\n");
        md.append("| bin | rows | mean predicted | ").append(observed).append(" |")
                .append(both ? " production rows | production mean predicted | production " + observed + " |" : "").append('\n')
                .append("|---|---:|---:|---:|").append(both ? "---:|---:|---:|" : "").append('\n');
        List<Reliability.Bin> own = a.reliability().bins();
        int n = both ? Math.max(own.size(), a.baselineReliability().bins().size()) : own.size();
        for (int i = 0; i < n; i++) {
            Reliability.Bin b = i < own.size() ? own.get(i) : null;
            Reliability.Bin p = both && i < a.baselineReliability().bins().size() ? a.baselineReliability().bins().get(i) : null;
            Reliability.Bin range = b != null ? b : p;
            md.append("| ").append(classification ? trim(range.lower()) + " – " + trim(range.upper()) : String.valueOf(i + 1))
                    .append(" | ").append(b == null ? "–" : b.count()).append(" | ").append(b == null ? "–" : num(b.meanPredicted()))
                    .append(" | ").append(b == null ? "–" : num(b.observed())).append(" |");
            if (both) {
                md.append(' ').append(p == null ? "–" : p.count()).append(" | ").append(p == null ? "–" : num(p.meanPredicted()))
                        .append(" | ").append(p == null ? "–" : num(p.observed())).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    // ---- Mermaid charts ------------------------------------------------------------------------------

    /** ROC curves of both models at the same false-positive rates. */
    static String rocChart(Analysis a) {
        RocCurve own = a.roc();
        RocCurve base = a.baselineRoc();
        // The points are evenly spaced false-positive rates from 0 to 1, so a numeric axis places them right.
        StringBuilder md = new StringBuilder("```mermaid\n").append(palette(THIS_PR, PRODUCTION)).append("xychart-beta\n    title \"ROC: ")
                .append(base == null ? "this PR" : "this PR (blue), production (orange)").append("\"\n")
                .append("    x-axis \"false positive rate\" 0 --> 1\n")
                .append("    y-axis \"true positive rate\" 0 --> 1\n")
                .append("    line [").append(values(own.truePositiveRates())).append("]\n");
        if (base != null) {
            md.append("    line [").append(values(base.truePositiveRates())).append("]\n");
        }
        return md.append("```\n").toString();
    }

    /**
     * Reliability curves: observed against predicted per bin. Only bins with rows in every model drawn are
     * on the axis (a line cannot skip a point); the table lists them all.
     */
    static String reliabilityChart(Analysis a, boolean classification) {
        List<Reliability.Bin> own = a.reliability().bins();
        List<Reliability.Bin> base = a.baselineReliability() == null ? null : a.baselineReliability().bins();
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            if (own.get(i).count() > 0 && (base == null || i < base.size() && base.get(i).count() > 0)) {
                shown.add(i);
            }
        }
        if (shown.isEmpty()) {
            return "";
        }
        double max = 1;
        if (!classification) {
            max = shown.stream().flatMap(i -> java.util.stream.Stream.of(own.get(i).meanPredicted(), own.get(i).observed()))
                    .mapToDouble(Double::doubleValue).max().orElse(1);
        }
        StringBuilder md = new StringBuilder("```mermaid\n").append(palette(PREDICTED, THIS_PR, PRODUCTION))
                .append("xychart-beta\n    title \"")
                .append(classification ? "Observed rate: this PR (blue)" : "Actual mean: this PR (blue)")
                .append(base == null ? "" : ", production (orange)").append("; grey bars: mean predicted\"\n")
                .append("    x-axis \"").append(classification ? "predicted probability" : "bin of this PR's prediction").append("\" [")
                .append(shown.stream().map(i -> classification ? "\"" + trim(own.get(i).lower()) + "-" + trim(own.get(i).upper()) + "\""
                        : String.valueOf(i + 1)).collect(Collectors.joining(", ")))
                .append("]\n");
        if (classification) {
            md.append("    y-axis \"rate\" 0 --> 1\n");
        } else if (max > 0) {
            md.append("    y-axis \"value\"\n");
        }
        md.append("    bar [").append(shown.stream().map(i -> chartNumber(own.get(i).meanPredicted())).collect(Collectors.joining(", ")))
                .append("]\n    line [").append(shown.stream().map(i -> chartNumber(own.get(i).observed())).collect(Collectors.joining(", ")))
                .append("]\n");
        if (base != null) {
            md.append("    line [").append(shown.stream().map(i -> chartNumber(base.get(i).observed())).collect(Collectors.joining(", ")))
                    .append("]\n");
        }
        return md.append("```\n").toString();
    }

    /** Horizontal bars of the top features' importance; a line marks production's. */
    static String importanceChart(RunReport r, int limit) {
        List<Analysis.Importance> top = r.analysis().importance().stream().limit(limit).toList();
        if (top.isEmpty()) {
            return "";
        }
        boolean withBaseline = top.stream().anyMatch(i -> i.baseline() != null);
        StringBuilder md = new StringBuilder("```mermaid\n").append(palette(THIS_PR, PRODUCTION))
                .append("xychart-beta horizontal\n    title \"Importance (")
                .append(r.primary().id()).append(" drop): this PR (blue bars)").append(withBaseline ? ", production (orange line)" : "")
                .append("\"\n")
                .append("    x-axis [").append(top.stream().map(i -> label(i.feature())).collect(Collectors.joining(", "))).append("]\n")
                .append("    y-axis \"").append(r.primary().id()).append(" drop\"\n")
                .append("    bar [").append(top.stream().map(i -> chartNumber(i.importance())).collect(Collectors.joining(", "))).append("]\n");
        if (withBaseline) {
            md.append("    line [").append(top.stream().map(i -> chartNumber(i.baseline() == null ? 0.0 : i.baseline()))
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        return md.append("```\n").toString();
    }

    private static final String THIS_PR = "#0969da";
    private static final String PRODUCTION = "#e16f24";
    private static final String PREDICTED = "#d0d7de";

    /** Colours of the plots in the order they are drawn, so a title can name each by its colour. */
    private static String palette(String... colors) {
        return "%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"" + String.join(", ", colors) + "\"}}}}%%\n";
    }

    /** A category of a Mermaid axis: quoted, with what would end the quote or the list, or read as HTML, taken out. */
    static String label(String text) {
        String clean = text.replaceAll("[\"\\[\\]`\\n\\r;#<>&|]", " ").strip();
        if (clean.length() > 24) {
            clean = clean.substring(0, 23) + "…";
        }
        return "\"" + (clean.isEmpty() ? "?" : clean) + "\"";
    }

    private static String values(double[] v) {
        return java.util.Arrays.stream(v).mapToObj(AnalysisMarkdown::chartNumber).collect(Collectors.joining(", "));
    }

    private static String chartNumber(Double v) {
        return v == null || !Double.isFinite(v) ? "0" : String.format(Locale.ROOT, "%.4f", v);
    }
}
