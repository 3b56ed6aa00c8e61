package dev.mlship.onnx;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;

/** The fitted pipeline cannot be exported faithfully, or the export disagrees with it: exit code 5. */
public class ExportException extends MlshipException {
    public ExportException(String message) {
        super(ExitCode.PARITY, message);
    }

    public ExportException(String message, Throwable cause) {
        super(ExitCode.PARITY, message, cause);
    }
}
