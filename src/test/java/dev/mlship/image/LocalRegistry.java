package dev.mlship.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A real OCI registry for tests: Debian's docker-registry (Docker Distribution) on a free loopback
 * port with its own storage, optionally behind htpasswd basic auth. The registry binds port 0 itself and
 * the port is read back from /proc: a port found free here and handed over later could be taken in between.
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
        Path storage = Files.createDirectories(dir.resolve("storage"));
        StringBuilder cfg = new StringBuilder("version: 0.1\nlog: {level: " + logLevel + "}\n")
                .append("storage: {filesystem: {rootdirectory: ").append(storage).append("}, delete: {enabled: true}}\n")
                .append("http: {addr: 127.0.0.1:0}\n");
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
        try {
            LocalRegistry registry = new LocalRegistry(p, boundPort(p));
            registry.awaitReady();
            return registry;
        } catch (Exception | Error e) {
            p.destroy();
            throw e;
        }
    }

    /** The loopback port the process listens on: its socket's inode, looked up in /proc/net/tcp. */
    private static int boundPort(Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + p.exitValue());
            }
            Set<String> sockets = new HashSet<>();
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            sockets.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            }
            // Columns: sl, local_address (hex ip:port), rem_address, st (0A = LISTEN), ..., inode (10th).
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && sockets.contains(f[9])) {
                    return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("docker-registry did not listen within 10 s");
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
