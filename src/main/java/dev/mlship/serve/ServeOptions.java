package dev.mlship.serve;

import java.time.Duration;

/**
 * How the server listens and what it accepts.
 *
 * @param port 0 for any free port
 * @param maxBodyBytes larger request bodies are answered 413
 * @param maxRows more rows in one request are answered 413
 * @param requestTimeout a request not answered in this time gets 503
 * @param drainTimeout on shutdown, how long in-flight requests may take to finish
 * @param accessLog write one JSON line per request
 */
public record ServeOptions(String host, int port, long maxBodyBytes, int maxRows, Duration requestTimeout,
        Duration drainTimeout, boolean accessLog) {
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_ROWS = 10_000;

    /** Loopback on any free port, with the defaults; for tests and embedding. */
    public static ServeOptions loopback() {
        return new ServeOptions("127.0.0.1", 0, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ROWS, Duration.ofSeconds(30),
                Duration.ofSeconds(30), false);
    }

    public ServeOptions withLimits(long maxBodyBytes, int maxRows) {
        return new ServeOptions(host, port, maxBodyBytes, maxRows, requestTimeout, drainTimeout, accessLog);
    }

    public ServeOptions withRequestTimeout(Duration timeout) {
        return new ServeOptions(host, port, maxBodyBytes, maxRows, timeout, drainTimeout, accessLog);
    }

    public ServeOptions withDrainTimeout(Duration timeout) {
        return new ServeOptions(host, port, maxBodyBytes, maxRows, requestTimeout, timeout, accessLog);
    }

    public ServeOptions withAccessLog(boolean on) {
        return new ServeOptions(host, port, maxBodyBytes, maxRows, requestTimeout, drainTimeout, on);
    }
}
