package dev.mlship.config;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;

/** The configuration (mlship.yaml or a command-line option) is wrong: exit code 2. */
public class ConfigException extends MlshipException {
    public ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
