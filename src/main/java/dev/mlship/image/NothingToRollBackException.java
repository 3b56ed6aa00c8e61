package dev.mlship.image;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;

/**
 * Rollback found no {@code previous} tag: nothing was ever promoted over an earlier model. The registry
 * answered; nothing failed on the way, so this is not exit 4 but a code of its own (6).
 */
public class NothingToRollBackException extends MlshipException {
    public NothingToRollBackException(String message) {
        super(ExitCode.NOTHING_TO_ROLL_BACK, message);
    }
}
