package dev.mlship.image;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;

/** A registry, API or network call failed: exit code 4. */
public class RemoteException extends MlshipException {
    public RemoteException(String message) {
        super(ExitCode.REMOTE, message);
    }

    public RemoteException(String message, Throwable cause) {
        super(ExitCode.REMOTE, message, cause);
    }
}
