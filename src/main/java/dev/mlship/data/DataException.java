package dev.mlship.data;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;

/** The data file cannot be used as it is: exit code 3. */
public class DataException extends MlshipException {
    public DataException(String message) {
        super(ExitCode.DATA, message);
    }

    public DataException(String message, Throwable cause) {
        super(ExitCode.DATA, message, cause);
    }
}
