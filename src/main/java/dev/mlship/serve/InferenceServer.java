package dev.mlship.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.Version;
import dev.mlship.config.ConfigException;
import dev.mlship.onnx.Scores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.PrintStream;
import java.net.BindException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP server for the registry's models: Open Inference Protocol V2 under /v2, KServe V1 records
 * under /v1, Prometheus metrics at /metrics. Runs on its own Vert.x instance, so nothing listens until
 * {@link #start()} and everything stops with {@link #stop()}. Scoring runs on worker threads against
 * one shared ONNX Runtime session per model.
 */
public final class InferenceServer implements AutoCloseable {
    private static final String JSON = "application/json";

    private final ModelRegistry models;
    private final ServeOptions options;
    private final ServeMetrics metrics = new ServeMetrics();
    private final PrintStream log;
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final V2Codec v2 = new V2Codec(json);
    private final V1Codec v1 = new V1Codec(json);
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Requests accepted and not answered yet: the drain answers what is left of them before closing. */
    private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private volatile Runnable beforeScoring = () -> {};
    private Vertx vertx;
    private HttpServer server;

    /** @param log where the access log goes when it is on */
    public InferenceServer(ModelRegistry models, ServeOptions options, PrintStream log) {
        this.models = models;
        this.options = options;
        this.log = log;
    }

    /** Starts listening; returns the port. A port that cannot be bound is a {@link ConfigException}. */
    public int start() {
        int workers = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        vertx = Vertx.vertx(new VertxOptions()
                .setWorkerPoolSize(workers)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setDecompressionSupported(false)
                .setCompressionSupported(false));
        server.requestHandler(this::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            Throwable cause = e.getCause();
            String why = cause instanceof BindException || String.valueOf(cause.getMessage()).contains("in use")
                    ? "the address is in use: choose another with --port"
                    : String.valueOf(cause.getMessage());
            throw new ConfigException("cannot listen on " + options.host() + ":" + options.port() + ": " + why, cause);
        } catch (InterruptedException | TimeoutException e) {
            vertx.close();
            throw new ConfigException("cannot listen on " + options.host() + ":" + options.port() + ": " + e, e);
        }
        return server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    public ServeMetrics metrics() {
        return metrics;
    }

    /** Runs before each scoring call, on the worker thread, with the model's session held. */
    void beforeScoring(Runnable hook) {
        this.beforeScoring = hook;
    }

    /**
     * Graceful stop: new requests get 503 and in-flight requests finish (up to the drain timeout); those
     * still unanswered then, whether their body is still arriving or they are being scored, get 503; then
     * the port is closed. Scoring that is still running goes on to its end on its session (see
     * {@link ModelRegistry#close()}), and its answer is dropped.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true) || vertx == null) {
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (metrics.inFlight().get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        answerTheRest();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort: the process is on its way out.
        }
    }

    /** Answers 503 to every request still open and waits (briefly) until those answers are written. */
    private void answerTheRest() {
        List<Exchange> left = new ArrayList<>(open);
        for (Exchange x : left) {
            x.error(503, "the server is shutting down: the request did not finish within the drain timeout");
        }
        for (Exchange x : left) {
            if (x.written != null) {
                try {
                    x.written.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    // The caller left or is slow to read: the port closes anyway.
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** One request and its answer: answered exactly once, by a handler or by the timeout. */
    private final class Exchange {
        final HttpServerRequest request;
        final long start = System.nanoTime();
        final AtomicBoolean answered = new AtomicBoolean();
        String model = "";
        String endpoint = "unknown";
        int rows = -1;
        long timer = -1;
        volatile Future<Void> written;

        Exchange(HttpServerRequest request) {
            this.request = request;
        }

        void json(int status, JsonNode body) {
            try {
                send(status, JSON, Buffer.buffer(json.writeValueAsBytes(body)));
            } catch (JacksonException e) {
                send(500, JSON, Buffer.buffer("{\"error\":\"cannot write the response\"}"));
            }
        }

        void error(int status, String message) {
            ObjectNode body = json.createObjectNode();
            body.put("error", message);
            json(status, body);
        }

        void send(int status, String contentType, Buffer body) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            HttpServerResponse response = request.response();
            boolean close = draining || status == 413 || status == 503 && !request.isEnded();
            if (!response.closed() && !response.ended()) {
                response.setStatusCode(status).putHeader("content-type", contentType);
                if (close) {
                    response.putHeader("connection", "close");
                }
                written = response.end(body);
            }
            finish(status, body.length());
        }

        private void finish(int status, int bytes) {
            long nanos = System.nanoTime() - start;
            metrics.inFlight().decrementAndGet();
            open.remove(this);
            metrics.request(model, endpoint, status, nanos);
            if (rows > 0 && status == 200) {
                metrics.rows(model, endpoint, rows);
            }
            if (options.accessLog()) {
                accessLog(status, bytes, nanos);
            }
        }

        private void accessLog(int status, int bytes, long nanos) {
            ObjectNode line = json.createObjectNode();
            line.put("time", Instant.now().toString());
            line.put("remote", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
            line.put("method", request.method().name());
            line.put("path", request.path());
            line.put("status", status);
            line.put("bytes", bytes);
            line.put("duration_ms", nanos / 1e6);
            if (!model.isEmpty()) {
                line.put("model", model);
            }
            if (rows > 0) {
                line.put("rows", rows);
            }
            String text = line.toString();
            synchronized (log) {
                log.println(text);
            }
        }
    }

    private void handle(HttpServerRequest request) {
        metrics.inFlight().incrementAndGet();
        Exchange x = new Exchange(request);
        open.add(x);
        request.exceptionHandler(e -> x.send(400, JSON, Buffer.buffer("{\"error\":\"the request could not be read\"}")));
        request.response().closeHandler(v -> x.send(499, JSON, Buffer.buffer()));
        x.timer = vertx.setTimer(Math.max(1, options.requestTimeout().toMillis()), id -> x.error(503,
                "the request was not answered within " + options.requestTimeout().toMillis() + " ms (request timeout)"));
        if (draining && !request.path().startsWith("/v2/health/")) {
            x.error(503, "the server is shutting down");
            return;
        }
        try {
            route(x);
        } catch (RequestError e) {
            x.error(e.status(), e.getMessage());
        }
    }

    private void route(Exchange x) {
        String path = x.request.path();
        HttpMethod method = x.request.method();
        switch (path) {
            case "/metrics" -> {
                x.endpoint = "metrics";
                requireGet(method, path);
                x.send(200, ServeMetrics.CONTENT_TYPE, Buffer.buffer(metrics.scrape(), "UTF-8"));
            }
            case "/v2/health/live" -> {
                x.endpoint = "live";
                requireGet(method, path);
                x.json(200, json.createObjectNode().put("live", true));
            }
            case "/v2/health/ready" -> {
                x.endpoint = "ready";
                requireGet(method, path);
                boolean ready = !draining;
                x.json(ready ? 200 : 503, json.createObjectNode().put("ready", ready));
            }
            case "/v2", "/v2/" -> {
                x.endpoint = "server_metadata";
                requireGet(method, path);
                ObjectNode body = json.createObjectNode();
                body.put("name", "mlship");
                body.put("version", Version.MLSHIP);
                body.putArray("extensions");
                x.json(200, body);
            }
            default -> {
                if (path.startsWith("/v2/models/")) {
                    routeV2Model(x, path.substring("/v2/models/".length()), method);
                } else if (path.startsWith("/v1/models/")) {
                    routeV1Model(x, path.substring("/v1/models/".length()), method);
                } else {
                    throw new RequestError(404, "no such endpoint: " + method.name() + " " + path);
                }
            }
        }
    }

    private void routeV2Model(Exchange x, String rest, HttpMethod method) {
        String[] parts = rest.split("/", -1);
        ServedModel m = model(x, parts[0]);
        int next = 1;
        if (parts.length >= 3 && parts[1].equals("versions")) {
            if (!parts[2].equals(m.version())) {
                throw new RequestError(404, "model '" + m.name() + "' has no version '" + parts[2] + "': it has " + m.version());
            }
            next = 3;
        }
        String action = parts.length == next ? "" : parts.length == next + 1 ? parts[next] : null;
        if (action == null) {
            throw new RequestError(404, "no such endpoint: " + method.name() + " " + x.request.path());
        }
        switch (action) {
            case "" -> {
                x.endpoint = "model_metadata";
                requireGet(method, x.request.path());
                x.json(200, v2.metadata(m));
            }
            case "ready" -> {
                x.endpoint = "model_ready";
                requireGet(method, x.request.path());
                boolean ready = !draining;
                x.json(ready ? 200 : 503, json.createObjectNode().put("name", m.name()).put("ready", ready));
            }
            case "infer" -> {
                x.endpoint = "infer";
                requirePost(method, x.request.path());
                withBody(x, body -> {
                    V2Codec.Request request = v2.decode(parse(body), m, options.maxRows());
                    x.rows = request.batch().rows();
                    Scores scores = score(m, request.batch());
                    return v2.encode(m, request, scores);
                });
            }
            default -> throw new RequestError(404, "no such endpoint: " + method.name() + " " + x.request.path());
        }
    }

    private void routeV1Model(Exchange x, String rest, HttpMethod method) {
        if (rest.endsWith(":predict")) {
            ServedModel m = model(x, rest.substring(0, rest.length() - ":predict".length()));
            x.endpoint = "predict";
            requirePost(method, x.request.path());
            withBody(x, body -> {
                Batch batch = v1.decode(parse(body), m, options.maxRows());
                x.rows = batch.rows();
                return v1.encode(m, score(m, batch), batch.rows());
            });
            return;
        }
        if (rest.contains("/") || rest.contains(":")) {
            throw new RequestError(404, "no such endpoint: " + method.name() + " " + x.request.path());
        }
        ServedModel m = model(x, rest);
        x.endpoint = "model_ready_v1";
        requireGet(method, x.request.path());
        x.json(200, json.createObjectNode().put("name", m.name()).put("ready", !draining));
    }

    private ServedModel model(Exchange x, String name) {
        ServedModel m = models.get(name);
        if (m == null) {
            throw new RequestError(404, "unknown model '" + name + "': this server has " + String.join(", ", models.names()));
        }
        x.model = m.name();
        return m;
    }

    private static void requireGet(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            throw new RequestError(405, "use GET for " + path);
        }
    }

    private static void requirePost(HttpMethod method, String path) {
        if (method != HttpMethod.POST) {
            throw new RequestError(405, "use POST for " + path);
        }
    }

    /** The work done on a request's body, on a worker thread; returns the JSON response. */
    private interface BodyHandler {
        JsonNode apply(Buffer body);
    }

    /**
     * Reads the body up to the size limit (a larger one is read to its end, then answered 413), then
     * hands it to a worker thread and answers with what the handler returns.
     */
    private void withBody(Exchange x, BodyHandler handler) {
        long max = options.maxBodyBytes();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        String declared = x.request.getHeader("content-length");
        if (declared != null) {
            try {
                tooLarge[0] = Long.parseLong(declared.strip()) > max;
            } catch (NumberFormatException e) {
                throw RequestError.badRequest("Content-Length is not a number: " + declared);
            }
        }
        x.request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > max) {
                tooLarge[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        x.request.endHandler(v -> {
            if (tooLarge[0]) {
                x.error(413, "the request body is larger than " + max + " bytes (--max-body-bytes): send fewer rows per request");
                return;
            }
            vertx.<Buffer>executeBlocking(() -> {
                if (x.answered.get()) {
                    return null; // timed out or the caller left: skip the work
                }
                return Buffer.buffer(json.writeValueAsBytes(handler.apply(body)));
            }, false).onComplete(result -> {
                if (result.succeeded()) {
                    if (result.result() != null) {
                        x.send(200, JSON, result.result());
                    }
                } else if (result.cause() instanceof RequestError e) {
                    x.error(e.status(), e.getMessage());
                } else {
                    x.error(500, "internal error while scoring: " + result.cause());
                }
            });
        });
    }

    private JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            throw RequestError.badRequest("the request body is empty: send a JSON object");
        }
        try {
            JsonNode node = json.readTree(body.getBytes());
            if (node == null || node.isMissingNode()) {
                throw RequestError.badRequest("the request body is empty: send a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw RequestError.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw RequestError.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    private Scores score(ServedModel m, Batch batch) {
        return m.session().score(batch.columns(), batch.rows(), beforeScoring);
    }
}
