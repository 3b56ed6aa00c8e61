package dev.mlship.train;

/** Training produced a model that is not finite (NaN or infinite weights); the message says what to change. */
public final class TrainingDiverged extends RuntimeException {
    TrainingDiverged(String message) {
        super(message);
    }
}
