package dev.mlship.ci;

import java.time.Duration;

/** Bounds for retrying a forge's API: attempts, first backoff, and the longest rate-limit wait honoured. */
public record RetrySettings(int attempts, Duration backoff, Duration maxWait) {
    public static final RetrySettings DEFAULT = new RetrySettings(5, Duration.ofSeconds(1), Duration.ofSeconds(60));
}
