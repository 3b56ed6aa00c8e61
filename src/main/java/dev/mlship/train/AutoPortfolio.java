package dev.mlship.train;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The candidates of {@code algorithm: auto}, in the order they are tried: a fixed portfolio per task (cheap
 * configurations first, each learner's usual defaults early), then, for budgets beyond it, seeded random draws
 * from each learner's space in turn. Learners: xgboost (boosting), random_forest on its default engine, and a
 * regularised linear model (logistic for classification, ridge for regression). mlp and svm are left out: on
 * tabular data they rarely beat boosting and cost the most per fit.
 */
public final class AutoPortfolio {
    private AutoPortfolio() {}

    private record Entry(AlgorithmName algorithm, Map<String, Object> params) {}

    /** The first {@code trials} candidates for the task; the same task, trials and seed give the same list. */
    public static List<AutoCandidate> of(Task task, int trials, long seed) {
        AlgorithmName linear = task == Task.CLASSIFICATION ? AlgorithmName.LOGISTIC : AlgorithmName.RIDGE;
        // Each fit here costs at most a few times the cheapest xgboost: the budget is counted in candidates, so none
        // may cost ten of the others (a 300-tree forest of depth 20 did, and was cut to 100 trees). Forests with
        // leaves of one row are the dearest (XGBoost scans every histogram bin at each of their many nodes): one is kept.
        List<Entry> fixed = List.of(
                new Entry(linear, Map.of("lambda", 0.1)),
                new Entry(AlgorithmName.XGBOOST, Map.of("n_estimators", 100, "max_depth", 3, "learning_rate", 0.1)),
                new Entry(AlgorithmName.RANDOM_FOREST, Map.of("trees", 100, "min_samples_leaf", 1)),
                new Entry(AlgorithmName.XGBOOST, Map.of("n_estimators", 100, "max_depth", 6, "learning_rate", 0.3)),
                new Entry(linear, Map.of("lambda", 10.0)),
                new Entry(AlgorithmName.XGBOOST, Map.of("n_estimators", 300, "max_depth", 6, "learning_rate", 0.05,
                        "subsample", 0.8, "colsample_bytree", 0.8)),
                new Entry(AlgorithmName.RANDOM_FOREST, Map.of("trees", 100, "min_samples_leaf", 3, "max_depth", 12)),
                new Entry(AlgorithmName.XGBOOST, Map.of("n_estimators", 300, "max_depth", 4, "learning_rate", 0.05,
                        "subsample", 0.8, "min_child_weight", 3.0)),
                new Entry(linear, Map.of("lambda", 0.001)),
                new Entry(AlgorithmName.XGBOOST, Map.of("n_estimators", 200, "max_depth", 8, "learning_rate", 0.1,
                        "colsample_bytree", 0.6, "min_child_weight", 5.0, "reg_lambda", 5.0)),
                new Entry(AlgorithmName.RANDOM_FOREST, Map.of("trees", 100, "min_samples_leaf", 5, "subsample", 0.7)),
                new Entry(AlgorithmName.XGBOOST, Map.of("n_estimators", 500, "max_depth", 3, "learning_rate", 0.05,
                        "subsample", 0.8, "colsample_bytree", 0.8)));
        List<Entry> entries = new ArrayList<>(fixed.subList(0, Math.min(trials, fixed.size())));
        if (trials > fixed.size()) {
            entries.addAll(draws(linear, trials - fixed.size(), seed, new HashSet<>(fixed)));
        }
        List<AutoCandidate> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new AutoCandidate(out.size() + 1, e.algorithm(), e.params(),
                    new Params(AlgorithmParams.resolve(e.algorithm(), task, e.params()))));
        }
        return out;
    }

    /** Draws from each learner's space in turn (boosting, forest, linear), dropping repeats. */
    private static List<Entry> draws(AlgorithmName linear, int count, long seed, Set<Entry> taken) {
        List<Map.Entry<AlgorithmName, Map<String, Object>>> spaces = List.of(
                Map.entry(AlgorithmName.XGBOOST, Map.of(
                        "n_estimators", List.of(100, 200, 300),
                        "max_depth", Map.of("min", 2, "max", 10),
                        "learning_rate", Map.of("min", 0.01, "max", 0.3, "log", true),
                        "subsample", Map.of("min", 0.6, "max", 1.0),
                        "colsample_bytree", Map.of("min", 0.5, "max", 1.0),
                        "min_child_weight", Map.of("min", 0.5, "max", 10.0, "log", true))),
                Map.entry(AlgorithmName.RANDOM_FOREST, Map.of(
                        "trees", List.of(50, 100, 150),
                        "min_samples_leaf", Map.of("min", 1, "max", 10),
                        "max_depth", List.of(8, 12, 16, 20))),
                Map.entry(linear, Map.of("lambda", Map.of("min", 1e-4, "max", 100.0, "log", true))));
        Set<String> integers = Set.of("n_estimators", "max_depth", "trees", "min_samples_leaf");
        // Plenty of draws per learner, from its own seed, so a larger budget extends a smaller one's list.
        List<List<Map<String, Object>>> drawn = new ArrayList<>();
        for (int i = 0; i < spaces.size(); i++) {
            drawn.add(RandomSearch.draw(Map.of(), spaces.get(i).getValue(), count, seed + 31L * (i + 1), integers::contains));
        }
        List<Entry> out = new ArrayList<>();
        int[] next = new int[spaces.size()];
        for (int round = 0; out.size() < count && round < count * spaces.size(); round++) {
            int i = round % spaces.size();
            if (next[i] >= drawn.get(i).size()) {
                continue;
            }
            Entry e = new Entry(spaces.get(i).getKey(), new LinkedHashMap<>(drawn.get(i).get(next[i]++)));
            if (taken.add(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
