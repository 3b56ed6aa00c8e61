package dev.mlship.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated V1 and V2 inference request bodies — valid ones, ones with wrong names, types, shapes and
 * lengths, truncated or malformed JSON, random JSON — sent to a running server: each gets 200 with
 * predictions or a 4xx with a one-line {"error": ...}. Never a 5xx, a hang, or a server that stops answering.
 */
class RequestBodyPropertyTest {
    static ModelRegistry models;
    static InferenceServer server;
    static Http http;
    static final AtomicInteger OK = new AtomicInteger();
    static final AtomicInteger REFUSED = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("request-properties");
        Files.createDirectories(dir.resolve("models/churn"));
        Files.write(dir.resolve("models/churn/model.onnx"), ServeFixture.classifier("churn"));
        models = ModelRegistry.ofDirectory(dir.resolve("models"));
        server = new InferenceServer(models, ServeOptions.loopback(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        http = Http.to(server.start());
    }

    @AfterContainer
    static void stop() {
        server.stop();
        models.close();
        System.out.printf("generated request bodies: %d answered 200, %d refused with a 4xx%n", OK.get(), REFUSED.get());
    }

    @Property
    void everyBodyGetsAnAnswerOrAOneLine4xx(@ForAll("bodies") Tuple.Tuple2<String, String> request) throws Exception {
        Http.Reply reply = http.post(request.get1(), request.get2());
        assertThat(reply.status()).as(request.get2() + " -> " + reply.body()).isIn(200, 400, 404, 413, 415, 422);
        JsonNode body = ServeFixture.JSON.readTree(reply.body());
        if (reply.status() == 200) {
            assertThat(body.has("outputs") || body.has("predictions")).as(reply.body()).isTrue();
            OK.incrementAndGet();
        } else {
            assertThat(body.path("error").asText()).as(reply.body()).isNotBlank().doesNotContain("\n");
            REFUSED.incrementAndGet();
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> bodies() {
        Arbitrary<String> v2 = Arbitraries.longs().map(RequestBodyPropertyTest::v2);
        Arbitrary<String> v1 = Arbitraries.longs().map(RequestBodyPropertyTest::v1);
        Arbitrary<String> truncated = Arbitraries.longs().map(seed -> {
            String whole = seed % 2 == 0 ? v2(seed) : v1(seed);
            return whole.substring(0, new Random(seed).nextInt(whole.length() + 1));
        });
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(100);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ntrufalsINaN ").ofMaxLength(120);
        Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(4, v2), Tuple.of(3, v1), Tuple.of(2, truncated),
                Tuple.of(1, noise), Tuple.of(1, jsonish));
        Arbitrary<String> path = Arbitraries.of("/v2/models/churn/infer", "/v1/models/churn:predict");
        return net.jqwik.api.Combinators.combine(path, body).as(Tuple::of);
    }

    static final List<String> NUMBERS = List.of("1", "-3.5", "0", "1e308", "1e309", "-1e-320", "null", "\"NA\"", "\"\"",
            "\"7\"", "true", "[]", "{}", "[1]", "9223372036854775808", "\"NaN\"");
    static final List<String> COLOURS = List.of("\"red\"", "\"green\"", "\"blue\"", "\"never-seen\"", "\"\"", "\"NA\"", "null",
            "3", "true", "[\"red\"]", "\"\\u0000\"", "\"" + "x".repeat(5000) + "\"");

    /** A V2 body: usually well-formed, with a chance of a wrong name, datatype, shape or length at each step. */
    static String v2(long seed) {
        Random r = new Random(seed);
        int rows = r.nextInt(10) == 0 ? r.nextInt(3) : 1 + r.nextInt(5);
        StringBuilder b = new StringBuilder("{");
        if (r.nextInt(4) == 0) {
            b.append("\"id\": ").append(r.nextBoolean() ? "\"req-" + seed + "\"" : "42").append(", ");
        }
        b.append("\"inputs\": [");
        List<String> names = List.of("count", "amount", "colour");
        int inputs = r.nextInt(30) == 0 ? r.nextInt(5) : 3;
        for (int i = 0; i < inputs; i++) {
            String name = i < 3 ? names.get(i) : "extra" + i;
            if (r.nextInt(60) == 0) {
                name = "wrong";
            }
            boolean colour = name.equals("colour");
            String datatype = r.nextInt(40) == 0 ? List.of("FP32", "INT64", "BYTES", "BOOL", "FP16", "nonsense").get(r.nextInt(6))
                    : colour ? "BYTES" : "FP64";
            int length = r.nextInt(40) == 0 ? rows + r.nextInt(3) - 1 : rows;
            b.append(i > 0 ? ", " : "").append("{\"name\": \"").append(name).append("\", \"datatype\": \"").append(datatype)
                    .append("\", \"shape\": ").append(r.nextInt(40) == 0 ? "[" + rows + ", 2]" : "[" + rows + "]").append(", \"data\": [");
            for (int k = 0; k < Math.max(0, length); k++) {
                List<String> pool = colour ? COLOURS : NUMBERS;
                String v = r.nextInt(25) == 0 ? pool.get(r.nextInt(pool.size())) : colour ? COLOURS.get(r.nextInt(3))
                        : String.valueOf(Math.round(r.nextGaussian() * 100) / 10.0);
                b.append(k > 0 ? ", " : "").append(v);
            }
            b.append("]}");
        }
        b.append("]");
        if (r.nextInt(6) == 0) {
            b.append(", \"outputs\": [{\"name\": \"").append(r.nextBoolean() ? "label" : "unknown").append("\"}]");
        }
        return b.append("}").toString();
    }

    /** A well-formed V2 body of 1 to 5 rows. */
    static String validV2(long seed) {
        Random r = new Random(seed);
        int rows = 1 + r.nextInt(5);
        StringBuilder count = new StringBuilder();
        StringBuilder amount = new StringBuilder();
        StringBuilder colour = new StringBuilder();
        for (int k = 0; k < rows; k++) {
            String sep = k > 0 ? ", " : "";
            count.append(sep).append(r.nextInt(20));
            amount.append(sep).append(Math.round(r.nextGaussian() * 1000) / 10.0);
            colour.append(sep).append(COLOURS.get(r.nextInt(3)));
        }
        return "{\"inputs\": [{\"name\": \"count\", \"datatype\": \"FP64\", \"shape\": [" + rows + "], \"data\": [" + count
                + "]}, {\"name\": \"amount\", \"datatype\": \"FP64\", \"shape\": [" + rows + "], \"data\": [" + amount
                + "]}, {\"name\": \"colour\", \"datatype\": \"BYTES\", \"shape\": [" + rows + "], \"data\": [" + colour + "]}]}";
    }

    /** A well-formed V1 body of 1 to 5 rows. */
    static String validV1(long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("{\"instances\": [");
        for (int k = 0, rows = 1 + r.nextInt(5); k < rows; k++) {
            b.append(k > 0 ? ", " : "").append("{\"count\": ").append(r.nextInt(20)).append(", \"amount\": ")
                    .append(Math.round(r.nextGaussian() * 1000) / 10.0).append(", \"colour\": ").append(COLOURS.get(r.nextInt(3)))
                    .append("}");
        }
        return b.append("]}").toString();
    }

    /** A V1 body: {"instances": [...]} as objects or rows, with the same chances of mistakes. */
    static String v1(long seed) {
        Random r = new Random(seed);
        int rows = r.nextInt(10) == 0 ? r.nextInt(2) : 1 + r.nextInt(5);
        StringBuilder b = new StringBuilder("{\"").append(r.nextInt(15) == 0 ? "inputs" : "instances").append("\": [");
        for (int k = 0; k < rows; k++) {
            b.append(k > 0 ? ", " : "");
            String count = r.nextInt(20) == 0 ? NUMBERS.get(r.nextInt(NUMBERS.size())) : String.valueOf(r.nextInt(20));
            String amount = r.nextInt(20) == 0 ? NUMBERS.get(r.nextInt(NUMBERS.size())) : String.valueOf(r.nextGaussian());
            String colour = r.nextInt(20) == 0 ? COLOURS.get(r.nextInt(COLOURS.size())) : COLOURS.get(r.nextInt(3));
            if (r.nextBoolean()) {
                b.append("{\"count\": ").append(count).append(", \"amount\": ").append(amount);
                if (r.nextInt(12) != 0) {
                    b.append(", \"colour\": ").append(colour);
                }
                if (r.nextInt(12) == 0) {
                    b.append(", \"surplus\": 1");
                }
                b.append("}");
            } else {
                b.append("[").append(count).append(", ").append(amount);
                if (r.nextInt(12) != 0) {
                    b.append(", ").append(colour);
                }
                b.append("]");
            }
        }
        return b.append("]}").toString();
    }
}
