package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The `model` section: task, algorithm, its fixed params and an optional search over others; with
 * {@code algorithm: auto}, the budget of the search over learners ({@code auto}).
 */
public record ModelSpec(Task task, AlgorithmName algorithm, Map<String, Object> params, SearchSpec search, AutoSpec auto) {
    public ModelSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public ModelSpec(Task task, AlgorithmName algorithm, Map<String, Object> params, SearchSpec search) {
        this(task, algorithm, params, search, null);
    }

    /** Whether the algorithm is chosen by the run ({@code algorithm: auto}). */
    public boolean isAuto() {
        return algorithm == AlgorithmName.AUTO;
    }

    /** The budget of {@code auto}, its defaults filled in when {@code model.auto} is absent. */
    public AutoSpec autoBudget() {
        return auto != null ? auto : new AutoSpec(null, null);
    }

    /**
     * The budget of {@code algorithm: auto}: {@code trials} candidates (learner and params) start the search, so
     * the same data, seed and trials give the same model anywhere; {@code max_seconds}, when given, stops it early
     * at the price of a result that depends on the machine's speed.
     */
    public record AutoSpec(Integer trials, Double maxSeconds) {
        /**
         * Candidates when {@code trials} is not given: the whole built-in portfolio of each task. Measured with
         * bench/auto-budget.sh (BENCHMARKS.md): its search took 72 s of CPU at 10k rows and 174 s at 1M rows on
         * 2 cores, for targets of 60 s and 5 minutes of wall time.
         */
        public static final int DEFAULT_TRIALS = 12;
        public static final int MAX_TRIALS = 1000;

        public int trialCount() {
            return trials == null ? DEFAULT_TRIALS : trials;
        }
    }

    /**
     * Hyper-parameter search scored by k-fold CV. Grid: every combination of the listed values. Random:
     * {@code trials} draws, each param from its list or from a range {@code {min, max, log}}. Each space
     * value is a {@code List} of values or a {@code Map} range, as written (checked by the validator).
     */
    public record SearchSpec(Method method, Integer folds, Integer trials, Map<String, Object> space) {
        /** Random search draws this many candidates when {@code trials} is not given. */
        public static final int DEFAULT_TRIALS = 10;

        public SearchSpec {
            method = method == null ? Method.GRID : method;
            // Order kept as written: candidates are drawn param by param in a fixed order anyway.
            space = space == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(space));
        }

        public int trialCount() {
            return trials == null ? DEFAULT_TRIALS : trials;
        }

        public enum Method {
            GRID,
            RANDOM;

            @JsonValue
            public String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
