package dev.mlship.report;

import static dev.mlship.report.Markdown.escape;
import static dev.mlship.report.MarkdownReport.num;

import dev.mlship.train.CvScore;
import dev.mlship.train.Leaderboard;
import java.util.Locale;

/** {@code algorithm: auto}'s leaderboard in Markdown: why the winner won, and the table of what was tried. */
final class LeaderboardMarkdown {
    private LeaderboardMarkdown() {}

    /** One line for the top of a report or comment: what auto chose, and whether the cap made it machine-dependent. */
    static String chosen(Leaderboard board) {
        String line = "Chosen by `algorithm: auto` from " + board.entries().size() + " candidate"
                + (board.entries().size() == 1 ? "" : "s") + " (" + board.evaluations() + " scorings, " + board.rungs()
                + " rung" + (board.rungs() == 1 ? "" : "s") + " of successive halving)";
        if (board.stoppedEarly()) {
            return line + ". **The search was stopped by `model.auto.max_seconds`: the model chosen depends on this"
                    + " machine's speed**, and another run may choose another; without max_seconds, `trials` alone decide.";
        }
        return line + "; the same data, seed and trials choose the same model on any machine.";
    }

    /** Why the winner won: its score where it was last compared, and its lead over the next candidate and learner. */
    static String why(Leaderboard board) {
        Leaderboard.Entry w = board.winner();
        String metric = board.primary().id();
        CvScore ws = w.primary(board.primary());
        StringBuilder md = new StringBuilder(escape(w.candidate().algorithm().id())).append(" (#").append(w.candidate().trial())
                .append(") won: the ").append(board.primary().higherIsBetter() ? "highest" : "lowest").append(" CV mean ")
                .append(metric).append(", ").append(num(ws.mean())).append(" ± ").append(num(ws.std())).append(", at rung ")
                .append(w.rung() + 1).append(" of ").append(board.rungs()).append(" (").append(w.rows()).append(" training rows x ")
                .append(w.folds()).append(" folds)");
        Leaderboard.Entry next = board.entries().stream().skip(1).filter(e -> e.rung() == w.rung()).findFirst().orElse(null);
        Leaderboard.Entry otherLearner = board.entries().stream()
                .filter(e -> e.rung() == w.rung() && e.candidate().algorithm() != w.candidate().algorithm()).findFirst().orElse(null);
        if (next == null) {
            return md.append(", the only candidate scored there.").toString();
        }
        md.append(lead(board, next, ws, "the runner-up"));
        if (otherLearner != null && otherLearner != next) {
            md.append(lead(board, otherLearner, ws, "the best " + escape(otherLearner.candidate().algorithm().id())));
        }
        double gap = Math.abs(ws.mean() - next.primary(board.primary()).mean());
        md.append(gap <= ws.std() ? ". The lead over the runner-up is within one standard deviation across folds: the two"
                + " are level within noise." : ". The lead over the runner-up exceeds one standard deviation across folds.");
        return md.append('\n').toString();
    }

    private static String lead(Leaderboard board, Leaderboard.Entry other, CvScore ws, String who) {
        CvScore os = other.primary(board.primary());
        return String.format(Locale.ROOT, "; %s, %s (#%d), scored %s", who, escape(other.candidate().label()),
                other.candidate().trial(), num(os.mean())) + (Double.isNaN(os.mean()) ? "" : String.format(Locale.ROOT,
                " (%s by %s)", "behind", num(Math.abs(ws.mean() - os.mean()))));
    }

    /** The table, best first, at most {@code maxRows} rows; {@code seconds} adds each candidate's wall-clock time. */
    static String table(Leaderboard board, int maxRows, boolean seconds) {
        StringBuilder md = new StringBuilder("| rank | # | algorithm | params set | ").append(board.primary().id())
                .append(" (CV mean ± std) | rows x folds | rung |").append(seconds ? " seconds |" : "").append('\n')
                .append("|---:|---:|---|---|---:|---:|---:|").append(seconds ? "---:|" : "").append('\n');
        int shown = Math.min(maxRows, board.entries().size());
        for (int i = 0; i < shown; i++) {
            Leaderboard.Entry e = board.entries().get(i);
            CvScore cv = e.primary(board.primary());
            StringBuilder params = new StringBuilder();
            e.candidate().chosen().forEach((k, v) -> params.append(params.isEmpty() ? "" : " ").append(k).append('=').append(v));
            md.append("| ").append(i + 1).append(i == 0 ? " (winner)" : "").append(" | ").append(e.candidate().trial())
                    .append(" | ").append(escape(e.candidate().algorithm().id())).append(" | ")
                    .append(params.isEmpty() ? "defaults" : "`" + params + "`").append(" | ")
                    .append(e.failure() != null ? "failed: " + escape(e.failure()) : num(cv.mean()) + " ± " + num(cv.std()))
                    .append(" | ").append(e.rows()).append(" x ").append(e.folds()).append(" | ").append(e.rung() + 1).append(" |");
            if (seconds) {
                md.append(' ').append(String.format(Locale.ROOT, "%.1f", e.seconds())).append(" |");
            }
            md.append('\n');
        }
        if (shown < board.entries().size()) {
            md.append("\n").append(board.entries().size() - shown).append(" more in metrics.json (`search.leaderboard`).\n");
        }
        return md.toString();
    }
}
