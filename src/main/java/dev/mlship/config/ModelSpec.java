package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The `model` section: task, algorithm, its fixed params and an optional search over others. */
public record ModelSpec(Task task, AlgorithmName algorithm, Map<String, Object> params, SearchSpec search) {
    public ModelSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
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
