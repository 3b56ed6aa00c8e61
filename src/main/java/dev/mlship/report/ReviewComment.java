package dev.mlship.report;

import static dev.mlship.report.Markdown.escape;
import static dev.mlship.report.MarkdownReport.num;
import static dev.mlship.report.MarkdownReport.signed;

import dev.mlship.Version;
import dev.mlship.config.MetricName;
import dev.mlship.data.SchemaReport;
import dev.mlship.evaluate.Comparison;
import dev.mlship.evaluate.GateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The pull / merge request comment (and CI step summary): the verdict, each metric against production
 * with the paired-bootstrap interval of the change and its gates, what changed in the data (columns and
 * drift), the model, and folded: drift, slices, importance and calibration (with Mermaid charts), then the details. It carries a hidden marker so that one comment per pipeline
 * is found and updated. Everything that comes from data or config is escaped.
 */
public final class ReviewComment {
    /** GitHub refuses longer comment bodies; GitLab allows more, so this limit serves both. */
    public static final int MAX_CHARS = 65_536;

    /** The image the run built: where it went and its manifest digest. */
    public record Image(String reference, String digest, boolean pushed) {}

    private ReviewComment() {}

    /** The hidden line that identifies this pipeline's comment. */
    public static String marker(String pipelineName) {
        // Config names are lower-case image names, but never let one close the HTML comment early.
        return "<!-- mlship:" + pipelineName.replace("--", "- -").replace(">", "") + " -->";
    }

    public static String render(RunReport r, Image image) {
        StringBuilder head = new StringBuilder();
        head.append(marker(r.name())).append('\n');
        verdict(head, r);
        table(head, r);
        data(head, r);
        model(head, r, image);

        List<Details> details = details(r);
        String tail = "\n<sub>mlship " + Version.MLSHIP + " · the whole report is in report.md of the job's outputs</sub>\n";
        String full = head + render(details) + tail;
        if (full.length() <= MAX_CHARS) {
            return full;
        }
        // Too long (many classes, candidates or notes): leave folded sections out from the last, and say which.
        List<Details> kept = new ArrayList<>(details);
        List<String> left = new ArrayList<>();
        String body = full;
        while (body.length() > MAX_CHARS && !kept.isEmpty()) {
            left.addFirst(kept.removeLast().summary());
            body = head + render(kept) + "\nShortened to stay under " + MAX_CHARS + " characters: "
                    + escape(String.join("; ", left)) + " left out; report.md has everything.\n" + tail;
        }
        if (body.length() > MAX_CHARS) {
            body = body.substring(0, MAX_CHARS - tail.length() - 40) + "\n\n… (shortened)\n" + tail;
        }
        return body;
    }

    private static void verdict(StringBuilder md, RunReport r) {
        long failed = r.gates().stream().filter(g -> !g.passed()).count();
        md.append("### mlship · ").append(escape(r.name())).append(" — ");
        if (r.gates().isEmpty() && r.skippedGates().isEmpty()) {
            md.append("no quality gates configured\n\n");
        } else if (r.gates().isEmpty()) {
            md.append("no quality gate checked (").append(r.skippedGates().size()).append(" skipped: ")
                    .append(escape(r.skippedGates().getFirst().reason())).append(")\n\n");
        } else if (failed == 0) {
            md.append("✅ all ").append(r.gates().size()).append(" quality gates passed\n\n");
        } else {
            md.append("❌ ").append(failed).append(" of ").append(r.gates().size()).append(" quality gates failed: ")
                    .append(r.gates().stream().filter(g -> !g.passed()).map(ReviewComment::gateText)
                            .collect(Collectors.joining(", ")))
                    .append("\n\n");
        }
        BaselineReport b = r.baseline();
        if (b.firstModel()) {
            md.append("First model: nothing to compare with (").append(escape(b.note())).append(").\n\n");
        } else if (b.comparison() == null) {
            md.append("Production ").append(literal(b.reference())).append(" could not be scored on these rows (")
                    .append(escape(b.note())).append("); its recorded metrics are shown.\n\n");
        } else {
            md.append("This change against production ").append(literal(b.reference())).append(", both scored on the same ")
                    .append(r.dataset().testRows()).append(" test rows.\n\n");
        }
    }

    private static void table(StringBuilder md, RunReport r) {
        md.append("| metric | production | this PR | Δ | 95 % CI of Δ | gate |\n|---|---:|---:|---:|---:|---|\n");
        for (MetricName m : primaryFirst(r)) {
            Double candidate = r.test().get(m);
            Double production = production(r.baseline(), m);
            Comparison.Diff diff = r.baseline().comparison() == null ? null : r.baseline().comparison().diffs().get(m);
            md.append("| ").append(m == r.primary() ? "**" + m.id() + "**" : m.id()).append(" | ")
                    .append(production == null ? "–" : num(production)).append(" | ").append(num(candidate)).append(" | ")
                    .append(delta(m, candidate, production, diff)).append(" | ")
                    .append(diff == null || diff.ci() == null ? "–" : signed(diff.ci()[0]) + " – " + signed(diff.ci()[1]))
                    .append(" | ").append(gates(r, m)).append(" |\n");
        }
        md.append("\nΔ is this PR minus production; **bold** with ▲ (better) or ▼ (worse) when its paired-bootstrap 95 %"
                + " interval leaves out 0.\n\n");
    }

    private static List<MetricName> primaryFirst(RunReport r) {
        List<MetricName> out = new ArrayList<>(List.of(r.primary()));
        r.metrics().stream().filter(m -> m != r.primary()).forEach(out::add);
        return out;
    }

    private static Double production(BaselineReport b, MetricName m) {
        if (b.firstModel()) {
            return null;
        }
        return b.comparison() != null ? b.comparison().baseline().get(m) : b.recorded().get(m);
    }

    private static String delta(MetricName m, Double candidate, Double production, Comparison.Diff diff) {
        if (candidate == null || production == null) {
            return "–";
        }
        double d = diff != null ? diff.value() : candidate - production;
        if (diff == null || !diff.significant()) {
            return signed(d);
        }
        boolean better = m.higherIsBetter() == d > 0;
        return "**" + signed(d) + "** " + (better ? "▲" : "▼");
    }

    private static String gates(RunReport r, MetricName m) {
        return r.gates().stream().filter(g -> g.metric() == m && g.scope() == null)
                .map(g -> (g.passed() ? "✅ " : "❌ ") + rule(g))
                .collect(Collectors.joining(", "));
    }

    private static String gateText(GateResult g) {
        return escape(g.name()) + " " + rule(g) + " (is " + (g.rule().startsWith("max_drop") ? "a drop of " : "")
                + (g.rule().equals("max_drop_relative") ? percent(g.value()) : num(g.value())) + ")";
    }

    private static String rule(GateResult g) {
        return switch (g.rule()) {
            case "min" -> "≥ " + num(g.threshold());
            case "max" -> "≤ " + num(g.threshold());
            case "max_drop" -> "drop ≤ " + num(g.threshold());
            case "max_drop_relative" -> "drop ≤ " + percent(g.threshold());
            case "drift" -> "PSI < " + num(g.threshold());
            default -> g.rule() + " " + num(g.threshold());
        };
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    private static void data(StringBuilder md, RunReport r) {
        var d = r.dataset();
        BaselineReport b = r.baseline();
        md.append("**Data** ").append(String.format(Locale.ROOT, "%,d", d.rows())).append(" rows (")
                .append(d.trainRows()).append(" train, ").append(d.testRows()).append(" test");
        if (d.droppedRows() > 0) {
            md.append(", ").append(d.droppedRows()).append(" dropped for a missing label");
        }
        md.append("), fingerprint `").append(d.sha256(), 0, 12).append('`');
        if (!b.firstModel() && b.dataSha256() != null && !b.dataSha256().isBlank()) {
            md.append(b.dataSha256().equals(d.sha256()) ? ", the same data as production"
                    : ", **changed** since production ("
                            + literal(b.dataSha256().substring(0, Math.min(12, b.dataSha256().length()))) + ")");
        }
        md.append(".");
        if (!b.firstModel() && b.columns() != null) {
            md.append(' ').append(columnChanges(r.schema(), d.features(), b.columns()));
        }
        md.append(' ').append(AnalysisMarkdown.driftSummary(r.analysis()));
        md.append("\n\n");
    }

    /** Feature columns added, removed or retyped against the ones production's model reads. */
    static String columnChanges(SchemaReport schema, List<String> features, Map<String, String> production) {
        Map<String, String> current = new LinkedHashMap<>();
        for (String f : features) {
            String type = schema.columns().stream().filter(c -> c.name().equals(f)).map(SchemaReport.ColumnReport::type)
                    .findFirst().orElse("numeric");
            current.put(f, type.equals("numeric") ? "numeric" : "categorical");
        }
        List<String> added = current.keySet().stream().filter(c -> !production.containsKey(c)).map(ReviewComment::code).toList();
        List<String> removed = production.keySet().stream().filter(c -> !current.containsKey(c)).map(ReviewComment::code).toList();
        List<String> retyped = current.keySet().stream()
                .filter(c -> production.containsKey(c) && !Objects.equals(production.get(c), current.get(c)))
                .map(c -> code(c) + " (" + production.get(c) + " → " + current.get(c) + ")").toList();
        if (added.isEmpty() && removed.isEmpty() && retyped.isEmpty()) {
            return "Feature columns: the same " + current.size() + " as production.";
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        if (!retyped.isEmpty()) {
            parts.add("retyped " + String.join(", ", retyped));
        }
        return "Feature columns against production: " + String.join("; ", parts) + ".";
    }

    /** A code span when the text is plain (image references, digests, params), else escaped text. */
    static String literal(String text) {
        return text != null && text.matches("[A-Za-z0-9._:/@=,{}+ -]*") ? "`" + text + "`" : escape(text);
    }

    private static String code(String name) {
        return "**" + escape(name) + "**";
    }

    private static void model(StringBuilder md, RunReport r, Image image) {
        md.append("**Model** ").append(escape(r.algorithm().id())).append(' ').append(r.task().id()).append(", params ")
                .append(literal(r.params().toString()));
        if (image != null) {
            md.append(image.pushed() ? ", image " : ", image tar ").append(literal(image.reference())).append(' ')
                    .append(literal(image.digest()));
        }
        md.append(". ONNX parity on ").append(r.parity().rows()).append(" rows: ").append(r.parity().summary()).append(".\n\n");
        if (r.search().leaderboard() != null) {
            md.append(LeaderboardMarkdown.chosen(r.search().leaderboard())).append("\n\n");
        }
    }

    /** Rows of each folded table in the comment; report.md and metrics.json keep them all. */
    static final int DRIFT_ROWS = 20;
    static final int SLICE_ROWS = 30;
    static final int IMPORTANCE_ROWS = 10;
    static final int LEADERBOARD_ROWS = 15;

    private record Details(String summary, String body) {}

    private static List<Details> details(RunReport r) {
        List<Details> out = new ArrayList<>();
        Analysis a = r.analysis();
        boolean binary = a.roc() != null || r.classes() != null && r.classes().size() == 2;
        if (a.drift() != null) {
            out.add(new Details("Data drift (" + a.drift().drifted().size() + " of " + a.drift().features().size() + " features)",
                    AnalysisMarkdown.driftTable(a, DRIFT_ROWS)));
        }
        if (!a.slices().isEmpty()) {
            long failed = r.gates().stream().filter(g -> g.scope() != null && g.metric() != null && !g.passed()).count();
            out.add(new Details("Slices (" + a.slices().size() + (failed > 0 ? ", " + failed + " gate(s) failed" : "") + ")",
                    AnalysisMarkdown.slicesTable(r, SLICE_ROWS)));
        }
        out.add(new Details("Feature importance (top " + Math.min(IMPORTANCE_ROWS, a.importance().size()) + ")",
                AnalysisMarkdown.importanceTable(r, IMPORTANCE_ROWS) + "\n" + AnalysisMarkdown.importanceChart(r, IMPORTANCE_ROWS)));
        if (a.reliability() != null) {
            String brier = binary && r.test().get(MetricName.BRIER) != null ? " (Brier " + num(r.test().get(MetricName.BRIER)) + ")" : "";
            out.add(new Details((binary ? "Calibration" + brier + " and ROC curve" : "Predicted against actual"),
                    AnalysisMarkdown.reliabilityTable(a, binary) + "\n" + AnalysisMarkdown.reliabilityChart(a, binary)
                            + (a.roc() == null ? "" : "\n" + AnalysisMarkdown.rocChart(a))));
        }
        if (r.confusion() != null) {
            StringBuilder md = new StringBuilder("Rows: true class, columns: predicted.\n\n");
            MarkdownReport.confusionTable(md, r);
            out.add(new Details("Confusion matrix", md.toString()));
        }
        var board = r.search().leaderboard();
        if (board != null) {
            out.add(new Details("Search: auto chose " + escape(board.winner().candidate().algorithm().id()) + " from "
                    + board.entries().size() + " candidate" + (board.entries().size() == 1 ? "" : "s"),
                    LeaderboardMarkdown.why(board) + "\n" + LeaderboardMarkdown.table(board, LEADERBOARD_ROWS, true)));
        }
        StringBuilder cv = new StringBuilder();
        MarkdownReport.searchTable(cv, r);
        out.add(new Details("Cross-validation (" + r.search().folds() + " folds, " + r.search().candidates().size()
                + " candidate" + (r.search().candidates().size() == 1 ? "" : "s") + ")", cv.toString()));
        var mc = r.baseline().comparison() == null ? null : r.baseline().comparison().mcnemar();
        if (mc != null) {
            out.add(new Details("McNemar's test", String.format(Locale.ROOT,
                    "%d rows only this PR gets right, %d only production; p = %.3g.\n", mc.candidateOnly(), mc.baselineOnly(),
                    mc.pValue())));
        }
        if (!r.notices().isEmpty()) {
            out.add(new Details("Notes (" + r.notices().size() + ")",
                    r.notices().stream().map(n -> "- " + escape(n) + "\n").collect(Collectors.joining())));
        }
        return out;
    }

    private static String render(List<Details> details) {
        StringBuilder md = new StringBuilder();
        for (Details d : details) {
            md.append("<details><summary>").append(d.summary()).append("</summary>\n\n").append(d.body()).append("\n</details>\n");
        }
        return md.toString();
    }
}
