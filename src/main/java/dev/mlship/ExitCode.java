package dev.mlship;

/** The process exit codes that CI jobs and scripts rely on (DESIGN.md, "Contracts"). */
public enum ExitCode {
    OK(0),
    GATE_FAILED(1),
    USAGE(2),
    DATA(3),
    REMOTE(4),
    PARITY(5),
    /** rollback: the registry holds no earlier production model (no {@code previous} tag) to go back to. */
    NOTHING_TO_ROLL_BACK(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
