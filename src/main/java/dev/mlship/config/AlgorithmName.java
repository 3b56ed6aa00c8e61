package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The algorithms a pipeline can train, and the tasks each one does. */
public enum AlgorithmName {
    LOGISTIC(EnumSet.of(Task.CLASSIFICATION)),
    LINEAR(EnumSet.of(Task.REGRESSION)),
    RIDGE(EnumSet.of(Task.REGRESSION)),
    LASSO(EnumSet.of(Task.REGRESSION)),
    ELASTIC_NET(EnumSet.of(Task.REGRESSION)),
    DECISION_TREE(EnumSet.allOf(Task.class)),
    RANDOM_FOREST(EnumSet.allOf(Task.class)),
    GRADIENT_BOOSTING(EnumSet.allOf(Task.class)),
    MLP(EnumSet.allOf(Task.class)),
    SVM(EnumSet.of(Task.CLASSIFICATION)),
    XGBOOST(EnumSet.allOf(Task.class)),
    /**
     * Not a learner: a search over learners and their params ({@code model.auto}). It trains nothing itself, so
     * {@link #does} is false for every task; the run resolves it to the winning algorithm before anything reads it.
     */
    AUTO(EnumSet.noneOf(Task.class));

    private final Set<Task> tasks;

    AlgorithmName(Set<Task> tasks) {
        this.tasks = tasks;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean does(Task task) {
        return tasks.contains(task);
    }

    /** Whether a config may name this algorithm for the task: every learner that does it, and auto. */
    public boolean acceptedFor(Task task) {
        return this == AUTO || does(task);
    }

    /** Gradient-trained and kernel models: unscaled inputs slow or spoil their training. */
    public boolean wantsScaledInputs() {
        return this == MLP || this == SVM;
    }

    /**
     * Trained through OpenBLAS, whose kernels are chosen per CPU: the fitted model (and model.onnx's bytes) can
     * differ in the last bits between CPUs of other core types. Measured with bench/cpu-variants.sh.
     */
    public boolean trainsOnOpenBlas() {
        return this == LINEAR || this == RIDGE || this == LASSO || this == ELASTIC_NET || this == MLP;
    }

    /** Whether the algorithm learns what to do with a missing numeric value (NaN), so imputing is optional. */
    public boolean takesMissingValues() {
        return this == XGBOOST;
    }
}
