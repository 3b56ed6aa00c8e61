package dev.mlship.ci;

import dev.mlship.image.RemoteException;

/** The API refused for lack of permission (HTTP 403, not a rate limit): a read-only token, as a fork's. */
public final class ForbiddenException extends RemoteException {
    public ForbiddenException(String message) {
        super(message);
    }
}
