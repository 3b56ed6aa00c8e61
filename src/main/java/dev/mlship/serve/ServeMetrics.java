package dev.mlship.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's Prometheus metrics: requests and errors by model, endpoint and status; latency and rows
 * per request as histograms; requests in flight.
 */
public final class ServeMetrics {
    /** What Prometheus expects for the text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();

    public ServeMetrics() {
        registry.gauge("mlship_requests_in_flight", inFlight);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    /** Records a finished request. {@code model} is "" for requests that name no known model. */
    void request(String model, String endpoint, int status, long nanos) {
        String statusText = Integer.toString(status);
        Counter.builder("mlship_requests")
                .description("HTTP requests answered")
                .tags("model", model, "endpoint", endpoint, "status", statusText)
                .register(registry).increment();
        if (status >= 400) {
            Counter.builder("mlship_errors")
                    .description("HTTP requests answered with an error status")
                    .tags("model", model, "endpoint", endpoint, "status", statusText)
                    .register(registry).increment();
        }
        Timer.builder("mlship_request_duration")
                .description("Time from the request's arrival to its response")
                .tags("model", model, "endpoint", endpoint)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Records how many rows one inference request scored. */
    void rows(String model, String endpoint, int rows) {
        DistributionSummary.builder("mlship_request_rows")
                .description("Rows scored per inference request")
                .tags("model", model, "endpoint", endpoint)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1_000_000.0)
                .register(registry).record(rows);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
