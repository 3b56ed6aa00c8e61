package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Metric names as they appear in mlship.yaml and metrics.json, with the task and direction of each. */
public enum MetricName {
    ACCURACY(Task.CLASSIFICATION, true),
    PRECISION(Task.CLASSIFICATION, true),
    RECALL(Task.CLASSIFICATION, true),
    F1(Task.CLASSIFICATION, true),
    F1_MACRO(Task.CLASSIFICATION, true),
    F1_WEIGHTED(Task.CLASSIFICATION, true),
    AUC(Task.CLASSIFICATION, true),
    LOGLOSS(Task.CLASSIFICATION, false),
    BRIER(Task.CLASSIFICATION, false),
    RMSE(Task.REGRESSION, false),
    MAE(Task.REGRESSION, false),
    R2(Task.REGRESSION, true),
    MAPE(Task.REGRESSION, false);

    private final Task task;
    private final boolean higherIsBetter;

    MetricName(Task task, boolean higherIsBetter) {
        this.task = task;
        this.higherIsBetter = higherIsBetter;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Task task() {
        return task;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public static List<MetricName> of(Task task) {
        return Arrays.stream(values()).filter(m -> m.task == task).toList();
    }
}
