package dev.mlship.image;

import com.google.api.client.http.HttpResponseException;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import dev.failsafe.RetryPolicy;
import dev.mlship.config.ConfigException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one retry policy for every registry exchange: pushes, the baseline pull, promotion and rollback.
 * Registries behind load balancers answer 5xx and 429 and drop connections under load; such failures are
 * retried with exponential backoff and jitter (or after the Retry-After a 429/503 names), within a number
 * of attempts and an overall deadline. Everything else (401, 403, 404, an unknown host, a bad certificate)
 * is an answer, not retried, except a 404 for an upload session the registry lost.
 *
 * @param attempts the most tries of one exchange, the first included
 * @param backoff the wait before the first retry; it doubles up to 16 times this
 * @param deadline the longest one exchange keeps retrying
 * @param timeout how long a request may wait for an answer before it counts as a transient failure
 */
public record RegistryRetry(int attempts, Duration backoff, Duration deadline, Duration timeout) {
    public static final RegistryRetry DEFAULT = new RegistryRetry(6, Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofSeconds(30));

    static final String ATTEMPTS = "MLSHIP_REGISTRY_ATTEMPTS";
    static final String BACKOFF = "MLSHIP_REGISTRY_BACKOFF_MS";
    static final String DEADLINE = "MLSHIP_REGISTRY_DEADLINE_S";
    static final String TIMEOUT = "MLSHIP_REGISTRY_TIMEOUT_S";

    /** The defaults, with any of MLSHIP_REGISTRY_ATTEMPTS, _BACKOFF_MS, _DEADLINE_S, _TIMEOUT_S from the environment. */
    public static RegistryRetry from(Map<String, String> env) {
        return new RegistryRetry(
                (int) number(env, ATTEMPTS, DEFAULT.attempts, 1, 100),
                Duration.ofMillis(number(env, BACKOFF, DEFAULT.backoff.toMillis(), 1, 60_000)),
                Duration.ofSeconds(number(env, DEADLINE, DEFAULT.deadline.toSeconds(), 1, 3600)),
                Duration.ofSeconds(number(env, TIMEOUT, DEFAULT.timeout.toSeconds(), 1, 3600)));
    }

    /** The same policy with at most this many attempts (a preflight check wants an answer now). */
    public RegistryRetry withAttempts(int n) {
        return new RegistryRetry(n, backoff, deadline, timeout);
    }

    /**
     * A policy for exchanges of any result type; each retry is logged with its cause, its number and its wait.
     *
     * @param what what is being done, for the log ("push 127.0.0.1:5000/acme/m:sha-1")
     */
    public <R> RetryPolicy<R> policy(String what, Consumer<String> log) {
        return RetryPolicy.<R>builder()
                .handleIf(RegistryRetry::isTransient)
                .withBackoff(backoff, backoff.multipliedBy(16))
                .withJitter(0.25)
                // A negative delay makes Failsafe fall back to the backoff.
                .withDelayFn(ctx -> retryAfter(ctx.getLastException()).orElse(Duration.ofNanos(-1)))
                .withMaxAttempts(attempts)
                .withMaxDuration(deadline)
                .onRetry(e -> log.accept(what + ": " + describe(e.getLastException()) + "; retry " + e.getAttemptCount()
                        + " of " + (attempts - 1) + " after " + e.getElapsedTime().toMillis() + " ms"))
                .build();
    }

    /**
     * Whether a failure is worth another try: an answer of 5xx, 429 or 408, or a connection that broke, closed,
     * was refused or timed out. Looks through the causes, as Jib wraps what its HTTP client threw.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case TransientStatus s -> {
                    return true;
                }
                case HttpResponseException h -> {
                    return transientStatus(h.getStatusCode()) || uploadLost(h);
                }
                case RegistryUnauthorizedException u -> {
                    return false;
                }
                case InsecureRegistryException i -> {
                    return false;
                }
                case UnknownHostException u -> {
                    return false;
                }
                case SSLHandshakeException s -> {
                    return false;
                }
                case IOException io -> {
                    if (t.getCause() == null || !(t.getCause() instanceof HttpResponseException)) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * The registry no longer knows an upload session: a retried request re-sent a commit that had already gone
     * through (its answer was lost), or the session expired. Pushing again starts a new session; the registry
     * then reports the blob as present if it was committed.
     */
    private static boolean uploadLost(HttpResponseException h) {
        return h.getStatusCode() == 404 && h.getContent() != null && h.getContent().contains("BLOB_UPLOAD_UNKNOWN");
    }

    static boolean transientStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** The wait a 429 or 503 asked for with Retry-After (seconds, or an HTTP date). */
    static Optional<Duration> retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String header = switch (t) {
                case TransientStatus s -> s.retryAfter;
                case HttpResponseException h -> h.getHeaders() == null ? null : h.getHeaders().getRetryAfter();
                default -> null;
            };
            if (header != null) {
                return parseRetryAfter(header.trim());
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> parseRetryAfter(String header) {
        if (header.matches("\\d{1,6}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header)));
        }
        try {
            Duration d = Duration.between(java.time.Instant.now(),
                    ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TransientStatus s) {
                return "HTTP " + s.status;
            }
            if (c instanceof HttpResponseException h) {
                return "HTTP " + h.getStatusCode();
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : " (" + msg.replaceAll("\\s+", " ") + ")");
    }

    /** A registry's answer that is worth retrying, thrown inside a retried exchange. */
    static final class TransientStatus extends IOException {
        final int status;
        final String retryAfter;

        TransientStatus(int status, String retryAfter) {
            super("HTTP " + status);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + "='" + value + "' is not a whole number from " + min + " to " + max
                + String.format(Locale.ROOT, "; unset it for the default (%d)", fallback));
    }
}
