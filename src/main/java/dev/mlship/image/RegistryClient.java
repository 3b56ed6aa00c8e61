package dev.mlship.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Credential;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.mlship.report.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few registry API calls promotion needs (manifest GET / HEAD / PUT, blob GET), with Basic or
 * Bearer-token auth as the registry asks, and the retries of {@link RegistryRetry} for transient failures
 * (5xx, 429, timeouts, resets); 401, 403 and 404 are answers, not retried. Jib's own registry client is
 * internal API, so this small one is written here.
 */
public final class RegistryClient {
    /** Every manifest type mlship may meet; without the OCI ones a registry answers 404 for OCI images. */
    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final String registry;
    private final String scheme;
    private final Optional<Credential> credential;
    private final HttpClient http;
    private final RegistryRetry retry;
    private final Consumer<String> log;
    private final Map<String, String> authorization = new HashMap<>();

    public RegistryClient(String registry, boolean plainHttp, Optional<Credential> credential, RegistryRetry retry,
            Consumer<String> log) {
        this.registry = registry;
        this.scheme = plainHttp ? "http" : "https";
        this.credential = credential;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.retry = retry;
        this.log = log;
    }

    /**
     * {@code GET /v2/}, authorised for the repository as a push would be: the registry is reachable, speaks
     * the registry API, and accepts the credentials (or needs none).
     *
     * @throws RemoteException naming what failed and what to check
     */
    public void checkAccess(String repository) {
        URI uri = URI.create(scheme + "://" + registry + "/v2/");
        HttpResponse<byte[]> r = call("GET /v2/", () -> {
            HttpResponse<byte[]> first = http.send(request(uri, "GET", null, null, authorization.get(repository)),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (first.statusCode() == 401 && !authorization.containsKey(repository)) {
                authorization.put(repository, authorize(first, repository));
                return transientAsFailure(http.send(request(uri, "GET", null, null, authorization.get(repository)),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            return transientAsFailure(first);
        });
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw unauthorized(repository);
        }
        if (r.statusCode() != 200) {
            throw new RemoteException("registry " + registry + " answered HTTP " + r.statusCode() + " to GET /v2/, not 200;"
                    + " check that package.image names an OCI registry");
        }
    }

    /** The manifest behind a tag or digest, or empty when the registry has none. */
    public Optional<Manifest> manifest(String repository, String reference) {
        HttpResponse<byte[]> r = send(repository, "GET", "/manifests/" + reference, null, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, 200, "read manifest " + repository + ":" + reference);
        String type = r.headers().firstValue("Content-Type").orElse("application/vnd.oci.image.manifest.v1+json");
        String digest = r.headers().firstValue("Docker-Content-Digest").orElseGet(() -> ImageDigest.of(r.body()));
        return Optional.of(new Manifest(r.body(), type, digest));
    }

    /** The digest a tag points at, or empty. */
    public Optional<String> digest(String repository, String reference) {
        HttpResponse<byte[]> r = send(repository, "HEAD", "/manifests/" + reference, null, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, 200, "look up " + repository + ":" + reference);
        return r.headers().firstValue("Docker-Content-Digest");
    }

    /** Puts the exact manifest bytes under a tag, with the media type they were served with. */
    public void putManifest(String repository, String tag, Manifest manifest) {
        HttpResponse<byte[]> r = send(repository, "PUT", "/manifests/" + tag, manifest.bytes(), manifest.mediaType());
        expect(r, 201, "tag " + repository + ":" + tag);
    }

    public byte[] blob(String repository, String digest) {
        HttpResponse<byte[]> r = send(repository, "GET", "/blobs/" + digest, null, null);
        expect(r, 200, "read blob " + digest + " of " + repository);
        return r.body();
    }

    /** The labels in an image's config, read through its manifest. */
    public Map<String, String> labels(String repository, Manifest manifest) {
        JsonNode m = parse(manifest.bytes());
        JsonNode config = parse(blob(repository, m.at("/config/digest").asText()));
        Map<String, String> labels = new HashMap<>();
        config.at("/config/Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private HttpResponse<byte[]> send(String repository, String method, String path, byte[] body, String contentType) {
        URI uri = URI.create(scheme + "://" + registry + "/v2/" + repository + path);
        return call(method + " " + repository + path, () -> {
            HttpResponse<byte[]> r = http.send(request(uri, method, body, contentType, authorization.get(repository)),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 401 && !authorization.containsKey(repository)) {
                authorization.put(repository, authorize(r, repository));
                r = http.send(request(uri, method, body, contentType, authorization.get(repository)),
                        HttpResponse.BodyHandlers.ofByteArray());
            }
            return transientAsFailure(r);
        });
    }

    /** A 5xx, 429 or 408 becomes a failure the retry policy sees; every other answer is returned. */
    private static HttpResponse<byte[]> transientAsFailure(HttpResponse<byte[]> r) throws RegistryRetry.TransientStatus {
        if (RegistryRetry.transientStatus(r.statusCode())) {
            throw new RegistryRetry.TransientStatus(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null));
        }
        return r;
    }

    /** One exchange with retries; a failure to reach the registry becomes a {@link RemoteException}. */
    private HttpResponse<byte[]> call(String what, dev.failsafe.function.CheckedSupplier<HttpResponse<byte[]>> exchange) {
        long start = System.nanoTime();
        int[] attempts = {0};
        try {
            return Failsafe.with(retry.<HttpResponse<byte[]>>policy("registry " + registry + " " + what, log)).get(() -> {
                attempts[0]++;
                return exchange.get();
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (cause instanceof RemoteException remote) {
                throw remote;
            }
            String tries = attempts[0] > 1 ? " after " + attempts[0] + " attempts in "
                    + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s" : "";
            if (cause instanceof RegistryRetry.TransientStatus s) {
                throw new RemoteException("registry " + registry + " kept failing " + what + " (HTTP " + s.status + tries
                        + "); try again later, or check the registry's status page", cause);
            }
            throw new RemoteException("cannot reach registry " + registry + " (" + describe(cause) + tries + "); check that"
                    + " it is up and the address in package.image is right", cause);
        }
    }

    private HttpRequest request(URI uri, String method, byte[] body, String contentType, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(retry.timeout()).header("Accept", MANIFEST_TYPES);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Answers a 401 challenge: Basic with the credential, or a Bearer token from the registry's realm. */
    private String authorize(HttpResponse<byte[]> challenge, String repository) throws IOException, InterruptedException {
        String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
        String basic = credential.map(c -> "Basic " + Base64.getEncoder().encodeToString(
                (c.getUsername() + ":" + c.getPassword()).getBytes(StandardCharsets.UTF_8))).orElse(null);
        if (header.regionMatches(true, 0, "Basic", 0, 5)) {
            if (basic == null) {
                throw unauthorized(repository);
            }
            return basic;
        }
        if (!header.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw unauthorized(repository);
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String scope = "repository:" + repository + ":pull,push";
        URI token = URI.create(params.get("realm") + "?service=" + URLEncoder.encode(params.getOrDefault("service", ""),
                StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(token).timeout(retry.timeout());
        if (basic != null) {
            req.header("Authorization", basic);
        }
        HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw unauthorized(repository);
        }
        JsonNode body = parse(r.body());
        String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
        return "Bearer " + value;
    }

    private RemoteException unauthorized(String repository) {
        return new RemoteException("registry " + registry + " refused access to " + repository + " (unauthorized); set"
                + " MLSHIP_REGISTRY_USERNAME and MLSHIP_REGISTRY_PASSWORD, or log in with docker login");
    }

    private void expect(HttpResponse<byte[]> r, int status, String what) {
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RemoteException("registry " + registry + " refused to " + what + " (HTTP " + r.statusCode()
                    + "); check the credentials and their permissions");
        }
        if (r.statusCode() != status) {
            throw new RemoteException("registry " + registry + " could not " + what + ": HTTP " + r.statusCode());
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new RemoteException("the registry sent JSON that cannot be read: " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg.replaceAll("\\s+", " "));
    }
}
