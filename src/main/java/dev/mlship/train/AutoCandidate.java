package dev.mlship.train;

import dev.mlship.config.AlgorithmName;
import java.util.Map;

/**
 * One candidate of {@code algorithm: auto}: a learner and its params. {@code chosen} are the params the search
 * set (what tells candidates apart in a table); {@code params} are all of them, defaults filled in.
 *
 * @param trial 1-based place in the order candidates are tried (cheap ones first); ties go to the lower one
 */
public record AutoCandidate(int trial, AlgorithmName algorithm, Map<String, Object> chosen, Params params) {
    public AutoCandidate {
        chosen = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(chosen));
    }

    /** "xgboost max_depth=3 n_estimators=100": the learner and the params the search chose. */
    public String label() {
        StringBuilder sb = new StringBuilder(algorithm.id());
        chosen.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
