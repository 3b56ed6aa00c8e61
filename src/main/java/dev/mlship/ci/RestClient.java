package dev.mlship.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.mlship.image.RemoteException;
import dev.mlship.report.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON over HTTP for a forge's REST API, with the forge's auth headers. Transient failures are retried,
 * bounded: network errors and 5xx with backoff; rate limits (429, or 403 with {@code Retry-After} or an
 * exhausted {@code x-ratelimit-remaining}) after the wait the forge asks for, capped at {@code maxWait}.
 * Other answers go back to the caller, who knows which are expected.
 */
public final class RestClient {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    /** One answer: status, parsed JSON body (missing node when empty), and the link to the next page, if any. */
    public record Response(int status, JsonNode json, Optional<String> next, String raw) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String forge;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final RetryPolicy<HttpResponse<String>> retry;

    /**
     * @param forge the API's name for messages, e.g. "GitHub API"
     * @param headers sent with every request (auth, Accept, API version)
     */
    public RestClient(String forge, Map<String, String> headers, int attempts, Duration backoff, Duration maxWait) {
        this.forge = forge;
        this.headers = Map.copyOf(headers);
        this.retry = RetryPolicy.<HttpResponse<String>>builder()
                .handle(IOException.class)
                .handleResultIf(r -> r.statusCode() >= 500 || rateLimited(r))
                .withBackoff(backoff, backoff.multipliedBy(16))
                .withDelayFn(ctx -> {
                    HttpResponse<String> last = ctx.getLastResult();
                    return last == null ? Duration.ofMillis(-1) : rateLimitWait(last, maxWait).orElse(Duration.ofMillis(-1));
                })
                .withMaxAttempts(attempts)
                .build();
    }

    public Response get(String url) {
        return send("GET", url, null);
    }

    public Response send(String method, String url, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpRequest request = b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(Json.compact(body))).build();
        HttpResponse<String> r;
        try {
            r = Failsafe.with(retry).get(() -> http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new RemoteException("cannot reach the " + forge + " at " + host(url) + " (" + cause + "); check the API URL"
                    + " and the network", cause);
        }
        return new Response(r.statusCode(), parse(r.body()), next(r), r.body());
    }

    /** Every item of a paginated list, following the {@code Link: <...>; rel="next"} headers (at most 100 pages). */
    public List<JsonNode> all(String url, String what) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; url != null && page < 100; page++) {
            Response r = expect(get(url), what);
            r.json().forEach(items::add);
            url = r.next().orElse(null);
        }
        return items;
    }

    /** The answer, or a one-line error naming the call when its status is not the expected one. */
    public Response expect(Response r, String what) {
        if (r.ok()) {
            return r;
        }
        String hint = switch (r.status()) {
            case 401 -> "; the token is missing, expired or wrong";
            case 403 -> rateLimitedText(r) ? "; rate limited, try again later" : "; the token lacks permission";
            case 404 -> "; check the repository / project and the token's access to it";
            case 429 -> "; rate limited, try again later";
            default -> "";
        };
        String message = r.json().path("message").asText("");
        String line = forge + " refused to " + what + ": HTTP " + r.status()
                + (message.isBlank() ? "" : " (" + oneLine(message) + ")") + hint;
        throw r.status() == 403 && !rateLimitedText(r) ? new ForbiddenException(line) : new RemoteException(line);
    }

    static boolean rateLimited(HttpResponse<?> r) {
        if (r.statusCode() == 429) {
            return true;
        }
        return r.statusCode() == 403 && (r.headers().firstValue("retry-after").isPresent()
                || r.headers().firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false));
    }

    private static boolean rateLimitedText(Response r) {
        return r.status() == 429 || r.raw() != null && r.raw().toLowerCase(java.util.Locale.ROOT).contains("rate limit");
    }

    /** The wait a rate-limited answer asks for: Retry-After seconds, or until x-ratelimit-reset (epoch seconds). */
    static Optional<Duration> rateLimitWait(HttpResponse<?> r, Duration maxWait) {
        if (!rateLimited(r)) {
            return Optional.empty();
        }
        Optional<Duration> wait = r.headers().firstValue("retry-after").flatMap(RestClient::seconds).map(Duration::ofSeconds);
        if (wait.isEmpty()) {
            wait = r.headers().firstValue("x-ratelimit-reset").flatMap(RestClient::seconds)
                    .map(reset -> Duration.between(Instant.now(), Instant.ofEpochSecond(reset)));
        }
        return wait.map(w -> w.isNegative() ? Duration.ZERO : w).map(w -> w.compareTo(maxWait) > 0 ? maxWait : w);
    }

    private static Optional<Long> seconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> next(HttpResponse<String> r) {
        for (String link : r.headers().allValues("link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.mapper().missingNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().missingNode(); // an HTML error page: the status says enough
        }
    }

    private static String host(String url) {
        return URI.create(url).getHost();
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
