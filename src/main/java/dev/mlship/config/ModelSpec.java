package dev.mlship.config;

import java.util.List;
import java.util.Map;

/** The `model` section: task, algorithm, its fixed params and an optional search over others. */
public record ModelSpec(Task task, AlgorithmName algorithm, Map<String, Object> params, SearchSpec search) {
    public ModelSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** Hyper-parameter search: every combination of the listed values, scored by k-fold CV. */
    public record SearchSpec(Method method, Integer folds, Map<String, List<Object>> space) {
        public SearchSpec {
            method = method == null ? Method.GRID : method;
            space = space == null ? Map.of() : Map.copyOf(space);
        }

        public enum Method {
            GRID;

            @com.fasterxml.jackson.annotation.JsonValue
            public String id() {
                return "grid";
            }
        }
    }
}
