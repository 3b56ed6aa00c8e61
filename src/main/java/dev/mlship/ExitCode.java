package dev.mlship;

/** The process exit codes that CI jobs and scripts rely on (DESIGN.md, "Contracts"). */
public enum ExitCode {
    OK(0),
    GATE_FAILED(1),
    USAGE(2),
    DATA(3),
    REMOTE(4),
    PARITY(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
