package dev.mlship.train;

import java.util.List;

/**
 * Every candidate's CV scores and which one won on the primary metric. With {@code algorithm: auto},
 * {@code candidates} holds the winner only and {@code leaderboard} everything that was tried; otherwise it is null.
 */
public record SearchResult(List<Candidate> candidates, int best, int folds, Leaderboard leaderboard) {
    public SearchResult(List<Candidate> candidates, int best, int folds) {
        this(candidates, best, folds, null);
    }

    public Candidate winner() {
        return candidates.get(best);
    }
}
