package dev.mlship;

/**
 * A failure the user can act on. Its message is the single line printed to the user (what is wrong,
 * where, how to fix it); its exit code is what the process returns.
 */
public class MlshipException extends RuntimeException {
    private final ExitCode exitCode;

    public MlshipException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MlshipException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
