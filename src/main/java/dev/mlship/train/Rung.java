package dev.mlship.train;

import dev.mlship.data.KFold;
import dev.mlship.data.Split;
import dev.mlship.evaluate.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * One rung of successive halving: every fold's training rows cut to about {@code rows}, by a stratified seeded
 * subsample, so candidates are compared on the same rows. Validation rows are cut as much, but not below
 * {@link #MIN_VALIDATION} per fold, since a score on a few hundred rows is mostly noise.
 *
 * @param index 0 for the first (smallest) rung
 * @param rows  training rows per fold aimed at (each fold takes the nearest whole share of its rows); the full fold
 *              when it is less than one and a half times that
 */
public record Rung(int index, int rows) {
    /** Reduction factor between rungs: a third of the candidates goes up, on three times the rows. */
    public static final int ETA = 3;
    /** Training rows per fold of the first rung: below this, scores say little about the full data. */
    public static final int MIN_ROWS = 1_000;
    /**
     * Training rows per fold of the last rung. Past this, CV scores move little while each fit keeps getting
     * slower: it keeps the search of 1M rows within minutes (bench/auto-budget.sh). The winner is refitted on all rows.
     */
    public static final int MAX_ROWS = 100_000;
    static final int MIN_VALIDATION = 2_000;

    /**
     * The rungs for {@code candidates} candidates on folds of {@code foldRows} training rows: enough halvings to
     * leave about one candidate, no more than the rows allow between {@link #MIN_ROWS} and the last rung.
     */
    public static List<Rung> plan(int candidates, int foldRows) {
        int top = Math.min(foldRows, MAX_ROWS);
        int halvings = 0;
        for (int n = candidates; n > 1; n = (n + ETA - 1) / ETA) {
            halvings++;
        }
        int rowSteps = 0;
        for (long r = MIN_ROWS * (long) ETA; r <= top; r *= ETA) {
            rowSteps++;
        }
        int last = Math.min(halvings, rowSteps);
        List<Rung> rungs = new ArrayList<>();
        for (int s = 0; s <= last; s++) {
            rungs.add(new Rung(s, (int) (top / Math.pow(ETA, last - s))));
        }
        return rungs;
    }

    /** The folds cut to this rung's rows (row indexes into the training split, ascending). */
    public List<Split> folds(List<Split> full, Target target, long seed) {
        List<Split> out = new ArrayList<>(full.size());
        for (int f = 0; f < full.size(); f++) {
            Split fold = full.get(f);
            // The nearest whole number of parts: a fold of 190k rows at a rung of 100k takes half of it, not all.
            int parts = (int) Math.round(fold.train().length / (double) Math.max(1, rows));
            int validationParts = Math.max(1, Math.min(parts, fold.test().length / MIN_VALIDATION));
            out.add(new Split(sample(fold.train(), parts, target, seed + f), sample(fold.test(), validationParts, target,
                    seed + 7919L * (f + 1))));
        }
        return out;
    }

    /** One of {@code parts} stratified parts of the rows, or all of them for fewer than two parts. */
    private static int[] sample(int[] rows, int parts, Target target, long seed) {
        if (parts < 2) {
            return rows;
        }
        int[] strata = target instanceof Target.Classes c ? c.select(rows).codes() : null;
        int[] picked = KFold.of(rows.length, strata, parts, seed).getFirst().test();
        int[] out = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            out[i] = rows[picked[i]];
        }
        return out; // ascending: KFold's parts are sorted and rows is
    }
}
