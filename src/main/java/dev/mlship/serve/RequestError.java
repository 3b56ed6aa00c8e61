package dev.mlship.serve;

/** A caller's mistake: answered with its HTTP status and {"error": message}, never a 500. */
public final class RequestError extends RuntimeException {
    private final int status;

    public RequestError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static RequestError badRequest(String message) {
        return new RequestError(400, message);
    }

    public int status() {
        return status;
    }
}
