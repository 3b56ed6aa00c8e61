package dev.mlship.train;

import dev.mlship.config.MetricName;
import java.util.List;
import java.util.Map;

/**
 * What {@code algorithm: auto} tried, best first: candidates that reached a higher rung rank above those that
 * did not, then by their CV mean of the primary metric there, then by trial order. The first entry won.
 *
 * @param rungs        rungs of the successive halving (the last one scores on the most rows)
 * @param trials       candidates the budget allowed
 * @param evaluations  candidate x rung scorings done
 * @param stoppedEarly the wall-clock cap ended the search: the result depends on the machine's speed
 */
public record Leaderboard(MetricName primary, List<Entry> entries, int rungs, int trials, int evaluations,
        boolean stoppedEarly) {
    public Leaderboard {
        entries = List.copyOf(entries);
    }

    /**
     * One candidate at the highest rung it reached.
     *
     * @param rows     training rows per fold it was last scored on (the largest fold's)
     * @param folds    folds it was last scored on
     * @param seconds  wall-clock time of all its scorings; never written where runs are compared byte for byte
     * @param failure  why its fit failed on some fold (then its scores are NaN), or null
     */
    public record Entry(AutoCandidate candidate, Map<MetricName, CvScore> cv, int rows, int folds, int rung, double seconds,
            String failure) {
        public CvScore primary(MetricName metric) {
            return cv.get(metric);
        }
    }

    public Entry winner() {
        return entries.getFirst();
    }
}
