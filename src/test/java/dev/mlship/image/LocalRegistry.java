package dev.mlship.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real OCI registry for tests: Debian's docker-registry (Docker Distribution) on a free loopback
 * port with its own storage, optionally behind htpasswd basic auth.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final String USER = "ci";
    public static final String PASSWORD = "s3cret-pass";

    private final Process process;
    final int port;

    private LocalRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalRegistry start(Path dir, boolean withAuth) throws Exception {
        return start(dir, withAuth, "error");
    }

    /** @param logLevel "info" logs every request (with its length) to registry.log in {@code dir} */
    public static LocalRegistry start(Path dir, boolean withAuth, String logLevel) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path storage = Files.createDirectories(dir.resolve("storage"));
        StringBuilder cfg = new StringBuilder("version: 0.1\nlog: {level: " + logLevel + "}\n")
                .append("storage: {filesystem: {rootdirectory: ").append(storage).append("}, delete: {enabled: true}}\n")
                .append("http: {addr: 127.0.0.1:").append(port).append("}\n");
        if (withAuth) {
            Process h = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD).start();
            String line = new String(h.getInputStream().readAllBytes()).trim();
            h.waitFor();
            Path file = Files.writeString(dir.resolve("htpasswd"), line + "\n");
            cfg.append("auth: {htpasswd: {realm: mlship-test, path: ").append(file).append("}}\n");
        }
        Path config = Files.writeString(dir.resolve("registry.yml"), cfg.toString());
        Process p = new ProcessBuilder(List.of("docker-registry", "serve", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        LocalRegistry registry = new LocalRegistry(p, port);
        registry.awaitReady();
        return registry;
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("docker-registry did not answer on " + host());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
