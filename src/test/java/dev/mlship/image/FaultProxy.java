package dev.mlship.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP proxy in front of a real registry that answers chosen requests with the faults a registry behind a
 * load balancer shows (5xx, 429, resets, connections closed mid-answer, silence past the client's timeout) and
 * passes everything else through. Written here rather than with WireMock's proxy, which cut chunked upload
 * bodies short, and because a TCP reset needs the socket itself. Upload locations the registry hands out are
 * rewritten to lead back through the proxy.
 */
public final class FaultProxy implements AutoCloseable {
    /** The registry API requests a push, a pull, a promotion and a rollback make. */
    public enum Kind {
        BLOB_HEAD("HEAD", "/v2/.+/blobs/sha256:[0-9a-f]+"),
        BLOB_GET("GET", "/v2/.+/blobs/sha256:[0-9a-f]+"),
        BLOB_POST("POST", "/v2/.+/blobs/uploads/"),
        BLOB_PATCH("PATCH", "/v2/.+/blobs/uploads/[^/]+"),
        BLOB_PUT("PUT", "/v2/.+/blobs/uploads/[^/]+"),
        MANIFEST_GET("GET", "/v2/.+/manifests/[^/]+"),
        MANIFEST_HEAD("HEAD", "/v2/.+/manifests/[^/]+"),
        MANIFEST_PUT("PUT", "/v2/.+/manifests/[^/]+");

        final String method;
        final String path;

        Kind(String method, String path) {
            this.method = method;
            this.path = path;
        }

        static Kind of(String method, String path) {
            for (Kind k : values()) {
                if (k.method.equals(method) && path.matches(k.path)) {
                    return k;
                }
            }
            return null;
        }

        /** Every kind whose method writes. */
        public static final List<Kind> WRITES = List.of(BLOB_POST, BLOB_PATCH, BLOB_PUT, MANIFEST_PUT);
    }

    /** What a registry behind a load balancer answers now and then. */
    public enum Injected {
        UNAVAILABLE_503, BAD_GATEWAY_502, TOO_MANY_REQUESTS_429, TOO_MANY_REQUESTS_429_NO_RETRY_AFTER,
        CONNECTION_RESET, CLOSED_WITHOUT_ANSWER, CLOSED_MID_ANSWER, SILENT_PAST_TIMEOUT,
        /** Not transient: a registry that refuses the credentials' rights. */
        FORBIDDEN_403;

        /** Every transient fault but the slow one (which needs the client's timeout shortened). */
        public static final List<Injected> FAST = List.of(UNAVAILABLE_503, BAD_GATEWAY_502, TOO_MANY_REQUESTS_429,
                TOO_MANY_REQUESTS_429_NO_RETRY_AFTER, CONNECTION_RESET, CLOSED_WITHOUT_ANSWER, CLOSED_MID_ANSWER);
    }

    private final ServerSocket server;
    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Kind, Queue<Injected>> pending = new EnumMap<>(Kind.class);
    private final Map<Kind, Injected> always = new EnumMap<>(Kind.class);
    private final Map<Kind, List<Injected>> served = new EnumMap<>(Kind.class);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Duration silence = Duration.ofSeconds(3);

    private FaultProxy(ServerSocket server, String registry) {
        this.server = server;
        this.registry = registry;
        Thread.ofVirtual().name("fault-proxy").start(this::acceptLoop);
    }

    /** A pass-through proxy to the registry on a free loopback port, with no faults yet. */
    public static FaultProxy in(LocalRegistry registry) throws IOException {
        return new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), registry.host());
    }

    /** The next requests of each kind get these faults, one request each in this order; later ones pass. */
    public synchronized FaultProxy inject(List<Kind> kinds, List<Injected> faults) {
        kinds.forEach(k -> pending.computeIfAbsent(k, x -> new ArrayDeque<>()).addAll(faults));
        return this;
    }

    /** Every request of these kinds fails with this fault, until {@link #heal()}. */
    public synchronized FaultProxy always(List<Kind> kinds, Injected fault) {
        kinds.forEach(k -> always.put(k, fault));
        return this;
    }

    /** How long a {@link Injected#SILENT_PAST_TIMEOUT} answer stays silent before closing. */
    public FaultProxy silence(Duration d) {
        silence = d;
        return this;
    }

    /** Back to a plain pass-through proxy. */
    public synchronized void heal() {
        pending.clear();
        always.clear();
    }

    /** The faults served so far, by request kind. */
    public synchronized Map<Kind, List<Injected>> served() {
        Map<Kind, List<Injected>> copy = new EnumMap<>(Kind.class);
        served.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** The injected faults that no request has met yet. */
    public synchronized Map<Kind, List<Injected>> unserved() {
        Map<Kind, List<Injected>> left = new EnumMap<>(Kind.class);
        pending.forEach((k, q) -> {
            if (!q.isEmpty()) {
                left.put(k, List.copyOf(q));
            }
        });
        return left;
    }

    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private synchronized Injected faultFor(Kind kind) {
        if (kind == null) {
            return null;
        }
        Injected fault = always.get(kind);
        if (fault == null) {
            Queue<Injected> q = pending.get(kind);
            fault = q == null ? null : q.poll();
        }
        if (fault != null) {
            served.computeIfAbsent(kind, k -> new ArrayList<>()).add(fault);
        }
        return fault;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                in.mark(1);
                if (in.read() == 0x16) {
                    return; // a TLS handshake, tried first by clients that allow plain HTTP as a fallback
                }
                in.reset();
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3 || !parts[2].startsWith("HTTP/1")) {
                    return; // not HTTP, e.g. a TLS handshake tried first
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
                if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                byte[] body = body(in, headers);
                String method = parts[0];
                String target = parts[1];
                Injected fault = faultFor(Kind.of(method, URI.create(target).getPath()));
                if (fault == Injected.CLOSED_MID_ANSWER) {
                    // The registry did the work; its answer is lost half-way, as when a balancer drops the connection.
                    byte[] answer = forward(method, target, headers, body);
                    out.write(answer, 0, answer.length / 2);
                    out.flush();
                    return;
                }
                if (fault != null && !injure(fault, socket, out)) {
                    return;
                }
                if (fault == null) {
                    out.write(forward(method, target, headers, body));
                    out.flush();
                }
                if ("close".equalsIgnoreCase(headers.get("connection"))) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    /** Serves a fault; false when the connection is gone after it. */
    private boolean injure(Injected fault, Socket socket, OutputStream out) throws IOException, InterruptedException {
        switch (fault) {
            case UNAVAILABLE_503 -> answer(out, 503, "Service Unavailable", Map.of());
            case BAD_GATEWAY_502 -> answer(out, 502, "Bad Gateway", Map.of());
            case FORBIDDEN_403 -> answer(out, 403, "Forbidden", Map.of());
            case TOO_MANY_REQUESTS_429 -> answer(out, 429, "Too Many Requests", Map.of("Retry-After", "1"));
            case TOO_MANY_REQUESTS_429_NO_RETRY_AFTER -> answer(out, 429, "Too Many Requests", Map.of());
            case CLOSED_MID_ANSWER -> throw new IllegalStateException("served by forwarding");
            case CONNECTION_RESET -> {
                socket.setSoLinger(true, 0); // close with RST
                return false;
            }
            case CLOSED_WITHOUT_ANSWER -> {
                return false;
            }
            case SILENT_PAST_TIMEOUT -> {
                Thread.sleep(silence.toMillis());
                return false;
            }
        }
        return true;
    }

    /** The registry's answer to the request, as bytes to send back. */
    private byte[] forward(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + registry + target))
                .method(method, body.length == 0 && !method.equals("PATCH") && !method.equals("PUT") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!Set.of("host", "connection", "content-length", "transfer-encoding", "expect", "upgrade", "keep-alive")
                    .contains(k)) {
                b.header(k, v);
            }
        });
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        StringBuilder head = new StringBuilder("HTTP/1.1 " + r.statusCode() + " X\r\n");
        r.headers().map().forEach((k, values) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (name.equals(":status") || name.equals("connection") || name.equals("transfer-encoding")
                    || name.equals("content-length") && !method.equals("HEAD")) {
                return;
            }
            for (String v : values) {
                head.append(k).append(": ").append(name.equals("location") ? v.replace(registry, host()) : v).append("\r\n");
            }
        });
        if (!method.equals("HEAD")) {
            head.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!method.equals("HEAD")) {
            answer.writeBytes(r.body());
        }
        return answer.toByteArray();
    }

    private static void answer(OutputStream out, int status, String text, Map<String, String> headers) throws IOException {
        byte[] body = ("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"" + text + "\"}]}").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + text + "\r\nContent-Type: application/json\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers are dropped
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        String length = headers.get("content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    private static String line(InputStream in) throws IOException {
        return dev.mlship.testing.HttpLine.read(in);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
