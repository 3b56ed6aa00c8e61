package dev.mlship.train;

import java.util.List;

/** Every candidate's CV scores and which one won on the primary metric. */
public record SearchResult(List<Candidate> candidates, int best, int folds) {
    public Candidate winner() {
        return candidates.get(best);
    }
}
