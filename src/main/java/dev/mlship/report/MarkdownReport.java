package dev.mlship.report;

import static dev.mlship.report.Markdown.escape;

import dev.mlship.config.MetricName;
import dev.mlship.evaluate.GateResult;
import dev.mlship.onnx.Parity;
import dev.mlship.train.Candidate;
import dev.mlship.train.CvScore;
import java.util.List;
import java.util.Locale;

/** report.md: a person's view of a run. Every name that comes from data or config is escaped. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(RunReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(escape(r.name())).append(" — ").append(r.gatesPassed() ? "passed" : "**failed**")
                .append("\n\n");
        var d = r.dataset();
        md.append(escape(r.algorithm().id())).append(' ').append(r.task().id()).append(" on `")
                .append(d.sha256(), 0, 12).append("` (").append(escape(d.path())).append("): ")
                .append(d.rows()).append(" rows, ").append(d.trainRows()).append(" train, ").append(d.testRows())
                .append(" test");
        if (d.droppedRows() > 0) {
            md.append(", ").append(d.droppedRows()).append(" dropped for a missing label");
        }
        md.append(". Label ").append(escape(d.label())).append(", ").append(d.features().size()).append(" features.\n\n");
        metrics(md, r);
        md.append(parity(r.parity()));
        gates(md, r);
        baseline(md, r);
        analysis(md, r);
        if (r.confusion() != null) {
            confusion(md, r);
        }
        search(md, r);
        if (!r.notices().isEmpty()) {
            md.append("## Notes\n\n");
            r.notices().forEach(n -> md.append("- ").append(escape(n)).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    static final int TIES_LISTED = 20;

    /** The parity paragraph; ties are listed so that a reviewer can look at the rows where either label is right. */
    static String parity(Parity p) {
        StringBuilder md = new StringBuilder("ONNX export checked with ONNX Runtime on ").append(p.rows())
                .append(p.sampled() ? " test rows (a seeded sample of " + p.testRows() + ")" : " test rows").append(": ")
                .append(p.summary()).append(".\n\n");
        if (p.tieCount() > 0) {
            List<Integer> shown = p.ties().subList(0, Math.min(TIES_LISTED, p.tieCount()));
            md.append("Test rows (0-based) where the trained model scored both labels equal within the tolerance: ")
                    .append(String.join(", ", shown.stream().map(String::valueOf).toList()))
                    .append(p.tieCount() > shown.size() ? " and " + (p.tieCount() - shown.size()) + " more" : "")
                    .append(".\n\n");
        }
        return md.toString();
    }

    private static void metrics(StringBuilder md, RunReport r) {
        md.append("## Metrics (test split)\n\n");
        md.append("| metric | value | 95 % CI (bootstrap, ").append(r.bootstrapResamples())
                .append(") | CV mean ± std (").append(r.search().folds()).append(" folds) |\n");
        md.append("|---|---:|---:|---:|\n");
        for (MetricName m : r.metrics()) {
            double[] ci = r.intervals().get(m);
            CvScore cv = r.search().winner().cv().get(m);
            md.append("| ").append(m == r.primary() ? "**" + m.id() + "**" : m.id()).append(" | ")
                    .append(num(r.test().get(m))).append(" | ")
                    .append(ci == null ? "–" : num(ci[0]) + " – " + num(ci[1])).append(" | ")
                    .append(cv == null ? "–" : num(cv.mean()) + " ± " + num(cv.std())).append(" |\n");
        }
        md.append('\n');
    }

    private static void gates(StringBuilder md, RunReport r) {
        md.append("## Gates\n\n");
        if (r.gates().isEmpty() && r.skippedGates().isEmpty()) {
            md.append("No gates are configured.\n\n");
            return;
        }
        if (!r.gates().isEmpty()) {
            md.append("| metric | rule | threshold | value | result |\n|---|---|---:|---:|---|\n");
            for (GateResult g : r.gates()) {
                md.append("| ").append(escape(g.name())).append(" | ").append(ruleName(g.rule())).append(" | ")
                        .append(gateNumber(g.rule(), g.threshold())).append(" | ").append(gateValue(g)).append(" | ")
                        .append(g.passed() ? "passed" : "**failed** by " + gateNumber(g.rule(), g.shortfall())).append(" |\n");
            }
            md.append('\n');
            if (r.gates().stream().anyMatch(g -> g.rule().startsWith("max_drop"))) {
                md.append("For max_drop the value is the drop against the deployed model: how much worse the candidate is "
                        + "(lower for metrics where higher is better, higher for rmse, mae, logloss and mape); "
                        + "negative means better. A relative drop is a percentage of the deployed model's value.\n\n");
            }
        }
        for (RunReport.SkippedGate g : r.skippedGates()) {
            md.append("Skipped: ").append(g.metric().id()).append(' ').append(g.rule()).append(' ').append(escape(g.limit()))
                    .append(" (").append(escape(g.reason())).append(").\n");
        }
        if (!r.skippedGates().isEmpty()) {
            md.append('\n');
        }
    }

    private static String ruleName(String rule) {
        return rule.equals("max_drop_relative") ? "max_drop (relative)" : rule;
    }

    /** A threshold or shortfall: a percentage for relative drops, a plain number otherwise. */
    private static String gateNumber(String rule, double v) {
        return rule.equals("max_drop_relative") ? String.format(Locale.ROOT, "%.2f %%", 100 * v) : num(v);
    }

    private static String gateValue(GateResult g) {
        return switch (g.rule()) {
            case "max_drop" -> "drop " + signed(g.value());
            case "max_drop_relative" -> "drop " + (Double.isInfinite(g.value()) ? "from 0"
                    : String.format(Locale.ROOT, "%+.2f %%", 100 * g.value()));
            default -> num(g.value());
        };
    }

    private static void baseline(StringBuilder md, RunReport r) {
        BaselineReport b = r.baseline();
        md.append("## Against the deployed model\n\n");
        if (b.firstModel()) {
            md.append("First model: ").append(escape(b.note().replaceFirst("^first model: ", ""))).append(
                    ". Change gates (max_drop) are skipped.\n\n");
            return;
        }
        md.append("Baseline `").append(escape(b.reference())).append("` (").append(b.digest(), 0, Math.min(19, b.digest().length()))
                .append("…).");
        if (b.comparison() == null) {
            md.append(" Not scored on these rows: ").append(escape(b.note())).append(".\n\n| metric | candidate | baseline (recorded) |\n")
                    .append("|---|---:|---:|\n");
            for (MetricName m : r.metrics()) {
                md.append("| ").append(m.id()).append(" | ").append(num(r.test().get(m))).append(" | ")
                        .append(num(b.recorded().get(m))).append(" |\n");
            }
            md.append('\n');
            return;
        }
        md.append(" Both scored on the same ").append(r.dataset().testRows()).append(" test rows.\n\n")
                .append("| metric | candidate | baseline | difference | 95 % CI (paired bootstrap) | significant |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        for (MetricName m : r.metrics()) {
            var d = b.comparison().diffs().get(m);
            md.append("| ").append(m.id()).append(" | ").append(num(r.test().get(m))).append(" | ")
                    .append(num(b.comparison().baseline().get(m))).append(" | ").append(signed(d.value())).append(" | ")
                    .append(d.ci() == null ? "–" : signed(d.ci()[0]) + " – " + signed(d.ci()[1])).append(" | ")
                    .append(d.significant() ? "yes" : "no").append(" |\n");
        }
        var mc = b.comparison().mcnemar();
        if (mc != null) {
            md.append(String.format(Locale.ROOT, "\nMcNemar: %d rows only the candidate gets right, %d only the baseline; p = %.3g.\n",
                    mc.candidateOnly(), mc.baselineOnly(), mc.pValue()));
        }
        md.append('\n');
    }

    private static void analysis(StringBuilder md, RunReport r) {
        Analysis a = r.analysis();
        boolean binary = a.roc() != null || r.classes() != null && r.classes().size() == 2;
        md.append("## Data drift\n\n").append(AnalysisMarkdown.driftSummary(a)).append("\n\n");
        if (a.drift() != null) {
            md.append(AnalysisMarkdown.driftTable(a, AnalysisMarkdown.ALL)).append('\n');
        }
        if (!a.slices().isEmpty()) {
            md.append("## Slices\n\n").append(AnalysisMarkdown.slicesTable(r, AnalysisMarkdown.ALL)).append('\n');
        }
        md.append("## Permutation importance\n\n").append(AnalysisMarkdown.importanceTable(r, AnalysisMarkdown.ALL)).append('\n')
                .append(AnalysisMarkdown.importanceChart(r, 10)).append('\n');
        if (a.reliability() != null) {
            md.append(binary ? "## Calibration\n\n" : "## Predicted against actual\n\n")
                    .append(AnalysisMarkdown.reliabilityTable(a, binary)).append('\n')
                    .append(AnalysisMarkdown.reliabilityChart(a, binary)).append('\n');
        }
        if (a.roc() != null) {
            md.append("## ROC curve\n\n").append(AnalysisMarkdown.rocChart(a)).append('\n');
        }
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.4f", v);
    }

    private static void confusion(StringBuilder md, RunReport r) {
        md.append("## Confusion matrix (rows: true, columns: predicted)\n\n");
        confusionTable(md, r);
    }

    static void confusionTable(StringBuilder md, RunReport r) {
        List<String> classes = r.classes();
        md.append("|   |");
        classes.forEach(c -> md.append(' ').append(escape(c)).append(" |"));
        md.append("\n|---|");
        classes.forEach(c -> md.append("---:|"));
        md.append('\n');
        for (int i = 0; i < classes.size(); i++) {
            md.append("| **").append(escape(classes.get(i))).append("** |");
            for (int j = 0; j < classes.size(); j++) {
                md.append(' ').append(r.confusion()[i][j]).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void search(StringBuilder md, RunReport r) {
        var board = r.search().leaderboard();
        if (board != null) {
            // Seconds are shown here and in model-card.json, never in metrics.json (whose bytes runs compare).
            md.append("## Search: algorithm auto\n\n").append(LeaderboardMarkdown.chosen(board)).append("\n\n")
                    .append(LeaderboardMarkdown.why(board)).append('\n')
                    .append(LeaderboardMarkdown.table(board, Integer.MAX_VALUE, true)).append('\n');
        }
        md.append("## Cross-validation\n\n");
        searchTable(md, r);
    }

    static void searchTable(StringBuilder md, RunReport r) {
        var s = r.search();
        md.append("Final params: `").append(r.params()).append("`, seed ").append(r.seed()).append(".\n\n");
        if (s.candidates().size() < 2) {
            return;
        }
        md.append("| # | params | ").append(r.primary().id()).append(" (CV mean ± std) |\n|---:|---|---:|\n");
        for (int i = 0; i < s.candidates().size(); i++) {
            Candidate c = s.candidates().get(i);
            CvScore cv = c.cv().get(r.primary());
            md.append("| ").append(i + 1).append(i == s.best() ? " (best)" : "").append(" | `").append(c.params())
                    .append("` | ").append(num(cv.mean())).append(" ± ").append(num(cv.std())).append(" |\n");
        }
        md.append('\n');
    }

    static String num(Double v) {
        if (v == null || Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
