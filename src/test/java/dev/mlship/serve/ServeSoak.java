package dev.mlship.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A soak of `mlship serve` (a separate process, as deployed): CONNECTIONS keep-alive connections for SECONDS
 * mixing valid V1 and V2 requests, malformed JSON and oversized bodies, while a tenth of the connections are
 * slow senders that drip a valid request's headers over 30 s. Every valid answer is compared with the answer
 * the same request got alone before the soak (probabilities within 1e-6: the server batches concurrent
 * requests, and batch sizes change the last bits); every bad request must get a 4xx. The server's RSS,
 * open file descriptors and threads are read from /proc after a warm-up and after the soak.
 * Usage: ServeSoak SECONDS CONNECTIONS (bench/soak.sh).
 */
public final class ServeSoak {
    static final int MAX_BODY = 64 * 1024;
    static final Pattern SERVING = Pattern.compile("serving churn .* at http://127.0.0.1:(\\d+)/v2/models/churn");

    record Sent(String kind, String path, byte[] body, JsonNode expected) {}

    static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    static final List<Long> LATENCY_MICROS = java.util.Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args.length > 0 ? args[0] : "60");
        int connections = Integer.parseInt(args.length > 1 ? args[1] : "100");
        Path dir = Files.createTempDirectory("serve-soak");
        Path model = Files.write(dir.resolve("model.onnx"), ServeFixture.classifier("churn"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A bounded heap, as a container limit would set: RSS then shows leaks, not the heap growing into free memory.
        String heap = System.getProperty("soak.heap", "-Xmx256m");
        Process server = new ProcessBuilder(java, heap, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), "dev.mlship.cli.ServeProcessTest", "serve", "--model",
                model.toString(), "--host", "127.0.0.1", "--port", "0", "--max-body-bytes", "" + MAX_BODY)
                .redirectError(dir.resolve("server-stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Matcher m = SERVING.matcher(String.valueOf(out.readLine()));
            if (!m.matches()) {
                throw new IllegalStateException("the server did not start: " + Files.readString(dir.resolve("server-stderr.txt")));
            }
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
            int port = Integer.parseInt(m.group(1));

            // The answers each valid request gets alone: the reference for the soak.
            List<Sent> valid = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean v2 = i % 2 == 0;
                String body = v2 ? RequestBodyPropertyTest.validV2(i) : RequestBodyPropertyTest.validV1(i);
                String path = v2 ? "/v2/models/churn/infer" : "/v1/models/churn:predict";
                try (Socket s = new Socket("127.0.0.1", port)) {
                    Answer a = exchange(s, path, body.getBytes(StandardCharsets.UTF_8), false);
                    if (a.status != 200) {
                        throw new IllegalStateException("a valid request got " + a.status + ": " + a.body + "\n" + body);
                    }
                    valid.add(new Sent(v2 ? "v2" : "v1", path, body.getBytes(StandardCharsets.UTF_8), stable(a.json())));
                }
            }
            System.out.printf("%s; %s%n", cpu(), uptime());
            System.out.printf("server heap %s; warm-up: %d connections for 30 s, then the soak for %d s%n", heap, connections,
                    seconds);
            soak(port, connections, 30, valid, false);
            COUNTS.clear();
            LATENCY_MICROS.clear();
            long[] warm = proc(server.pid());
            System.out.printf("after warm-up: RSS %d MiB, %d open files, %d threads%n", warm[0] / 1024, warm[1], warm[2]);

            soak(port, connections, seconds, valid, true);
            Thread.sleep(3000); // let closed connections and finished requests settle
            long[] after = proc(server.pid());
            System.out.printf("after the soak: RSS %d MiB (%+.1f %%), %d open files (%+d), %d threads (%+d)%n",
                    after[0] / 1024, 100.0 * (after[0] - warm[0]) / warm[0], after[1], after[1] - warm[1], after[2],
                    after[2] - warm[2]);
            List<Long> lat = new ArrayList<>(LATENCY_MICROS);
            lat.sort(null);
            new java.util.TreeMap<>(COUNTS).forEach((k, v) -> System.out.printf("  %-32s %d%n", k, v.get()));
            if (!lat.isEmpty()) {
                System.out.printf("valid requests: p50 %.2f ms, p99 %.2f ms%n", lat.get(lat.size() / 2) / 1000.0,
                        lat.get((int) (lat.size() * 0.99)) / 1000.0);
            }
            long wrong = count("wrong answer") + count("valid not 200") + count("bad not 4xx") + count("5xx")
                    + count("slow sender not 200") + count("io error");
            boolean rssOk = Math.abs(after[0] - warm[0]) <= 0.10 * warm[0];
            System.out.printf("verdict: %s (wrong or failed %d, RSS within 10 %%: %s, files %+d, threads %+d)%n",
                    wrong == 0 && rssOk && after[1] <= warm[1] && after[2] <= warm[2] ? "PASS" : "FAIL", wrong, rssOk,
                    after[1] - warm[1], after[2] - warm[2]);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    static long count(String k) {
        AtomicLong c = COUNTS.get(k);
        return c == null ? 0 : c.get();
    }

    static void inc(String k) {
        COUNTS.computeIfAbsent(k, x -> new AtomicLong()).incrementAndGet();
    }

    /** The answer without its id (V2 echoes one, or makes one up). */
    static JsonNode stable(JsonNode answer) {
        if (answer instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove("id");
        }
        return answer;
    }

    static void soak(int port, int connections, int seconds, List<Sent> valid, boolean slowSenders) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            boolean slow = slowSenders && c % 10 == 0;
            long seed = c;
            threads.add(Thread.ofVirtual().start(() -> {
                Random r = new Random(seed);
                while (System.nanoTime() < end) {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setSoTimeout(60_000);
                        if (slow) {
                            Sent v = valid.get(r.nextInt(valid.size()));
                            Answer a = exchange(s, v.path, v.body, true);
                            inc(a.status == 200 && same(stable(a.json()), v.expected) ? "slow sender answered right"
                                    : "slow sender not 200");
                            continue;
                        }
                        // Up to 50 requests on one keep-alive connection, then a new one.
                        for (int i = 0; i < 50 && System.nanoTime() < end; i++) {
                            if (!one(s, r, valid)) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        inc("io error");
                        inc("io error: " + e.getClass().getSimpleName() + " " + e.getMessage());
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** One request on the connection; false when the server closed it (after a 4xx that ends the connection). */
    static boolean one(Socket s, Random r, List<Sent> valid) throws IOException {
        int pick = r.nextInt(100);
        if (pick < 70) {
            Sent v = valid.get(r.nextInt(valid.size()));
            long t = System.nanoTime();
            Answer a = exchange(s, v.path, v.body, false);
            LATENCY_MICROS.add((System.nanoTime() - t) / 1000);
            if (a.status != 200) {
                inc("valid not 200");
                inc("valid got " + a.status);
            } else if (!same(stable(a.json()), v.expected)) {
                inc("wrong answer");
            } else {
                inc("valid " + v.kind + " answered right");
            }
            return !a.closed;
        }
        boolean oversized = pick >= 92;
        byte[] body;
        if (oversized) {
            body = ("{\"instances\": [" + "[1, 2.5, \"red\"], ".repeat(MAX_BODY / 16) + "[1, 2.5, \"red\"]]}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            Sent v = valid.get(r.nextInt(valid.size()));
            body = java.util.Arrays.copyOf(v.body, 1 + r.nextInt(v.body.length - 1)); // cut short: malformed JSON
        }
        Answer a = exchange(s, r.nextBoolean() ? "/v2/models/churn/infer" : "/v1/models/churn:predict", body, false);
        String kind = oversized ? "oversized" : "malformed";
        if (a.status >= 400 && a.status < 500) {
            inc(kind + " got " + a.status);
        } else {
            inc("bad not 4xx");
            inc(kind + " got " + a.status);
        }
        if (a.status >= 500) {
            inc("5xx");
        }
        return !a.closed;
    }

    record Answer(int status, String body, boolean closed) {
        JsonNode json() {
            try {
                return ServeFixture.JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body);
            }
        }
    }

    /** A request over the socket; {@code drip} sends the head one line every 3 s (30 s in all). */
    static Answer exchange(Socket s, String path, byte[] body, boolean drip) throws IOException {
        OutputStream out = s.getOutputStream();
        List<String> head = List.of("POST " + path + " HTTP/1.1\r\n", "Host: 127.0.0.1\r\n", "User-Agent: soak\r\n",
                "Accept: application/json\r\n", "X-Drip-1: a\r\n", "X-Drip-2: b\r\n", "X-Drip-3: c\r\n", "X-Drip-4: d\r\n",
                "Content-Type: application/json\r\n", "Content-Length: " + body.length + "\r\n", "\r\n");
        if (drip) {
            for (String line : head) {
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sleep(3000);
            }
        } else {
            out.write(String.join("", head).getBytes(StandardCharsets.US_ASCII));
        }
        try {
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the server may refuse an oversized body before reading it: its answer is still there to read
        }
        return read(s.getInputStream());
    }

    static Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("connection closed without an answer");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        int length = -1;
        boolean close = false;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                body.writeBytes(in.readNBytes(n));
                line(in);
            }
            line(in);
        } else if (length >= 0) {
            body.writeBytes(in.readNBytes(length));
        }
        return new Answer(code, body.toString(StandardCharsets.UTF_8), close);
    }

    static String line(InputStream in) throws IOException {
        return dev.mlship.testing.HttpLine.read(in);
    }

    /** Equal JSON, numbers within 1e-6 (absolute, or relative above 1). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Math.abs(a.asDouble() - b.asDouble()) <= 1e-6 * Math.max(1, Math.abs(b.asDouble()));
        }
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size() && a.isArray() == b.isArray()) {
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (Iterator<String> names = b.fieldNames(); names.hasNext();) {
                String n = names.next();
                if (!a.has(n) || !same(a.get(n), b.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static long[] proc(long pid) throws IOException {
        long rss = 0;
        long threads = 0;
        for (String l : Files.readAllLines(Path.of("/proc", "" + pid, "status"))) {
            if (l.startsWith("VmRSS:")) {
                rss = Long.parseLong(l.replaceAll("\\D", ""));
            } else if (l.startsWith("Threads:")) {
                threads = Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        long fds;
        try (var s = Files.list(Path.of("/proc", "" + pid, "fd"))) {
            fds = s.count();
        }
        return new long[] {rss, fds, threads};
    }

    static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .orElse("model name: ?").replaceAll("\\s+", " ");
    }

    static String uptime() throws IOException {
        return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
