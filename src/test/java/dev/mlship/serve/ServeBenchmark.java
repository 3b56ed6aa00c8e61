package dev.mlship.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.OnnxModel.InputKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not a test: measures the server against a raw ONNX Runtime session on the same rows, in one process.
 * Usage (see bench/serve.sh): ServeBenchmark MODEL.onnx CSV ROWS_PER_REQUEST CLIENTS SECONDS [THREADS_PER_CALL]
 */
public final class ServeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path modelFile = Path.of(args[0]);
        Path csv = Path.of(args[1]);
        int batch = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);

        int threads = args.length > 5 ? Integer.parseInt(args[5]) : ModelRegistry.DEFAULT_THREADS_PER_REQUEST;
        try (ModelRegistry models = ModelRegistry.ofFile(modelFile, "bench", threads);
                InferenceServer server = new InferenceServer(models,
                        ServeOptions.loopback().withLimits(1L << 30, 1_000_000), System.out)) {
            ServedModel m = models.get("bench");
            Map<String, Object> columns = columns(m.model(), csv, batch, m.missingText());
            byte[] v2 = JSON.writeValueAsBytes(v2Body(columns, batch));
            byte[] v1 = JSON.writeValueAsBytes(v1Body(columns, batch));
            int port = server.start();
            System.out.printf("model %s, %d rows per request, %d clients, %d ONNX Runtime threads per call, %.0f s each;"
                    + " V2 body %d bytes, V1 body %d bytes%n", modelFile, batch, clients, threads, seconds, v2.length, v1.length);

            // Warm up every path, then measure.
            run(clients, 2, () -> m.model().score(columns, batch));
            Result raw = run(clients, seconds, () -> m.model().score(columns, batch));
            print("raw ONNX Runtime session", raw, batch, null);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Runnable postV2 = post(http, "http://127.0.0.1:" + port + "/v2/models/bench/infer", v2);
            Runnable postV1 = post(http, "http://127.0.0.1:" + port + "/v1/models/bench:predict", v1);
            // The first seconds of HTTP traffic are far slower (JIT, connection set-up): warm both paths well.
            run(clients, 5, postV2);
            run(clients, 5, postV1);
            print("served, V2 tensors", run(clients, seconds, postV2), batch, raw);
            print("served, V1 records", run(clients, seconds, postV1), batch, raw);
        }
    }

    private static Runnable post(HttpClient http, String url, byte[] body) {
        return () -> {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body()));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    record Result(long requests, double seconds, long[] latenciesNanos) {}

    private static Result run(int clients, double seconds, Runnable call) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[][] slot = {new long[1 << 16]};
            int[] count = {0};
            perThread.add(null);
            int index = c;
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    call.run();
                    long t = System.nanoTime() - t0;
                    if (count[0] == slot[0].length) {
                        slot[0] = Arrays.copyOf(slot[0], 2 * count[0]);
                    }
                    slot[0][count[0]++] = t;
                }
                synchronized (perThread) {
                    perThread.set(index, Arrays.copyOf(slot[0], count[0]));
                }
            }));
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, elapsed, all);
    }

    private static void print(String what, Result r, int batch, Result baseline) {
        double rps = r.requests() / r.seconds();
        long[] l = r.latenciesNanos();
        String ratio = baseline == null ? "" : String.format(" (%.2fx the raw session's rows/s)",
                rps / (baseline.requests() / baseline.seconds()));
        System.out.printf("%-26s %9.0f requests/s %11.0f rows/s  latency p50 %.2f ms, p99 %.2f ms%s%n", what, rps,
                rps * batch, l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6, ratio);
    }

    /** The first rows of the CSV (plain, no quoted commas) as the model's columns; empty fields missing. */
    private static Map<String, Object> columns(OnnxModel model, Path csv, int rows, String missingText) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.stream(lines.getFirst().split(",", -1)).map(h -> h.replace("\"", "")).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, InputKind> in : model.inputs().entrySet()) {
            int c = header.indexOf(in.getKey());
            double[] numbers = new double[rows];
            String[] text = new String[rows];
            for (int i = 0; i < rows; i++) {
                String v = lines.get(1 + i % (lines.size() - 1)).split(",", -1)[c].replace("\"", "");
                numbers[i] = v.isEmpty() ? Double.NaN : in.getValue() == InputKind.NUMERIC ? Double.parseDouble(v) : 0;
                text[i] = v.isEmpty() ? missingText : v;
            }
            out.put(in.getKey(), in.getValue() == InputKind.NUMERIC ? numbers : text);
        }
        return out;
    }

    private static ObjectNode v2Body(Map<String, Object> columns, int rows) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        columns.forEach((name, values) -> {
            ObjectNode in = inputs.addObject().put("name", name);
            in.putArray("shape").add(rows).add(1);
            ArrayNode data = in.putArray("data");
            if (values instanceof double[] d) {
                in.put("datatype", "FP64");
                Arrays.stream(d).forEach(v -> {
                    if (Double.isNaN(v)) {
                        data.addNull();
                    } else {
                        data.add(v);
                    }
                });
            } else {
                in.put("datatype", "BYTES");
                Arrays.stream((String[]) values).forEach(data::add);
            }
        });
        return body;
    }

    private static ObjectNode v1Body(Map<String, Object> columns, int rows) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        for (int i = 0; i < rows; i++) {
            ObjectNode record = instances.addObject();
            int row = i;
            columns.forEach((name, values) -> {
                if (values instanceof double[] d) {
                    if (!Double.isNaN(d[row])) {
                        record.put(name, d[row]);
                    }
                } else {
                    record.put(name, ((String[]) values)[row]);
                }
            });
        }
        return body;
    }
}
