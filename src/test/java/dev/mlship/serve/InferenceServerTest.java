package dev.mlship.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.data.Table;
import dev.mlship.onnx.Agreement;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.Scores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of a server with two models (a classifier and a regression), on a free loopback port.
 * Served answers are compared with the same model scoring directly within {@link Agreement#SAME_GRAPH}:
 * the server scores a request's rows as one batch, the direct reference all rows at once, and ONNX
 * Runtime's kernels (and so the last bits) depend on the batch size and the CPU.
 */
class InferenceServerTest {
    @TempDir
    static Path dir;

    static byte[] churnBytes;
    static byte[] priceBytes;
    static OnnxModel churn;
    static OnnxModel price;
    static Table rows;
    static ModelRegistry models;
    static InferenceServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        churnBytes = ServeFixture.classifier("churn");
        priceBytes = ServeFixture.regressor("price");
        Files.createDirectories(dir.resolve("models/churn"));
        Files.write(dir.resolve("models/churn/model.onnx"), churnBytes);
        Files.write(dir.resolve("models/price.onnx"), priceBytes);
        churn = OnnxModel.of(churnBytes);
        price = OnnxModel.of(priceBytes);
        rows = ServeFixture.table(300, 2, true);
        models = ModelRegistry.ofDirectory(dir.resolve("models"));
        server = new InferenceServer(models, ServeOptions.loopback(), System.out);
        http = Http.to(server.start());
    }

    @AfterAll
    static void stop() {
        server.stop();
        models.close();
        churn.close();
        price.close();
    }

    @Test
    void healthAndServerMetadata() {
        assertThat(http.get("/v2/health/live").json()).isEqualTo(ServeFixture.JSON.createObjectNode().put("live", true));
        Http.Reply ready = http.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        Http.Reply meta = http.get("/v2");
        assertThat(meta.status()).isEqualTo(200);
        assertThat(meta.raw().headers().firstValue("content-type")).hasValue("application/json");
        assertThat(meta.json().get("name").asText()).isEqualTo("mlship");
        assertThat(meta.json().get("version").asText()).isNotBlank();
        assertThat(meta.json().get("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataListsInputsAndOutputs() {
        JsonNode m = http.get("/v2/models/churn").json();
        assertThat(m.get("name").asText()).isEqualTo("churn");
        assertThat(m.get("versions").get(0).asText()).matches("[0-9a-f]{12}");
        assertThat(m.get("platform").asText()).isEqualTo("onnxruntime_onnx");
        assertThat(m.get("inputs").toString()).isEqualTo("[{\"name\":\"count\",\"datatype\":\"FP64\",\"shape\":[-1,1]},"
                + "{\"name\":\"amount\",\"datatype\":\"FP64\",\"shape\":[-1,1]},"
                + "{\"name\":\"colour\",\"datatype\":\"BYTES\",\"shape\":[-1,1]}]");
        assertThat(m.get("outputs").toString()).isEqualTo("[{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]},"
                + "{\"name\":\"probabilities\",\"datatype\":\"FP64\",\"shape\":[-1,3]}]");
        JsonNode p = http.get("/v2/models/price").json();
        assertThat(p.get("outputs").toString()).isEqualTo("[{\"name\":\"prediction\",\"datatype\":\"FP64\",\"shape\":[-1,1]}]");

        Http.Reply ready = http.get("/v2/models/price/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().toString()).isEqualTo("{\"name\":\"price\",\"ready\":true}");
        String version = m.get("versions").get(0).asText();
        assertThat(http.get("/v2/models/churn/versions/" + version + "/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/churn/versions/000000000000/ready").status()).isEqualTo(404);
        assertThat(http.get("/v1/models/churn").json().get("ready").asBoolean()).isTrue();
    }

    @Test
    void v2ClassifierAgreesWithDirectScoring() {
        ObjectNode request = ServeFixture.v2Request(rows, 0, rows.rows()).put("id", "req-42");
        Http.Reply reply = http.post("/v2/models/churn/infer", request);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode r = reply.json();
        assertThat(r.get("model_name").asText()).isEqualTo("churn");
        assertThat(r.get("model_version").asText()).matches("[0-9a-f]{12}");
        assertThat(r.get("id").asText()).isEqualTo("req-42");
        Scores direct = churn.score(rows, "NA");
        JsonNode label = r.get("outputs").get(0);
        assertThat(label.get("name").asText()).isEqualTo("label");
        assertThat(label.get("datatype").asText()).isEqualTo("BYTES");
        assertThat(label.get("shape").toString()).isEqualTo("[300]");
        Agreement.assertLabels(strings(label.get("data")), direct, ServeFixture.CLASSES, Agreement.SAME_GRAPH, "labels");
        JsonNode probabilities = r.get("outputs").get(1);
        assertThat(probabilities.get("name").asText()).isEqualTo("probabilities");
        assertThat(probabilities.get("datatype").asText()).isEqualTo("FP64");
        assertThat(probabilities.get("shape").toString()).isEqualTo("[300,3]");
        Agreement.assertClose(doubles(probabilities.get("data")), flat(direct.probabilities()), Agreement.SAME_GRAPH,
                "probabilities");
    }

    @Test
    void v2RegressionWithFlatShapeAgreesWithDirectScoring() {
        ObjectNode request = ServeFixture.v2Request(rows, 0, rows.rows());
        for (JsonNode in : request.get("inputs")) {
            ObjectNode input = (ObjectNode) in;
            input.putArray("shape").add(rows.rows());
            ArrayNode flat = ServeFixture.JSON.createArrayNode();
            input.get("data").forEach(row -> flat.add(row.get(0)));
            input.set("data", flat);
        }
        JsonNode r = http.post("/v2/models/price/infer", request).json();
        assertThat(r.has("id")).isFalse();
        JsonNode prediction = r.get("outputs").get(0);
        assertThat(prediction.get("name").asText()).isEqualTo("prediction");
        assertThat(prediction.get("shape").toString()).isEqualTo("[300,1]");
        Agreement.assertClose(doubles(prediction.get("data")), price.score(rows, "").predictions(), Agreement.SAME_GRAPH,
                "predictions");
    }

    @Test
    void v2SelectsOutputsAndTakesFp32AndInt64() {
        ObjectNode request = ServeFixture.JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        inputs.addObject().put("name", "count").put("datatype", "INT64").set("shape", array(3));
        ((ObjectNode) inputs.get(0)).set("data", ServeFixture.JSON.createArrayNode().add(1).add(7).add(11));
        inputs.addObject().put("name", "amount").put("datatype", "FP32").set("shape", array(3, 1));
        ((ObjectNode) inputs.get(1)).set("data", ServeFixture.JSON.createArrayNode().add(0.1).add(-250.3).add(1234.5));
        inputs.addObject().put("name", "colour").put("datatype", "BYTES").set("shape", array(3, 1));
        ((ObjectNode) inputs.get(2)).set("data", ServeFixture.JSON.createArrayNode().add("red").addNull().add("purple"));
        request.putArray("outputs").addObject().put("name", "probabilities");

        JsonNode r = http.post("/v2/models/churn/infer", request).json();
        assertThat(r.get("outputs")).hasSize(1);
        assertThat(r.get("outputs").get(0).get("name").asText()).isEqualTo("probabilities");
        Scores direct = churn.score(Map.of("count", new double[] {1, 7, 11},
                "amount", new double[] {(float) 0.1, (float) -250.3, (float) 1234.5},
                "colour", new String[] {"red", "NA", "purple"}), 3);
        Agreement.assertClose(doubles(r.get("outputs").get(0).get("data")), flat(direct.probabilities()), Agreement.SAME_GRAPH,
                "probabilities");
    }

    @Test
    void v1RecordsAgreeWithDirectScoring() {
        Http.Reply reply = http.post("/v1/models/churn:predict", ServeFixture.v1Request(rows, 0, rows.rows()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode predictions = reply.json().get("predictions");
        Scores direct = churn.score(rows, "NA");
        assertThat(predictions).hasSize(rows.rows());
        for (int i = 0; i < rows.rows(); i++) {
            JsonNode p = predictions.get(i);
            assertThat(p.get("probabilities").toString()).startsWith("{\"low\":");
            double[] served = new double[3];
            for (int c = 0; c < 3; c++) {
                served[c] = p.get("probabilities").get(ServeFixture.CLASSES.get(c)).doubleValue();
            }
            Agreement.assertClose(served, direct.probabilities()[i], Agreement.SAME_GRAPH, "row " + i);
            Scores row = new Scores(new String[] {direct.labels()[i]}, new double[][] {direct.probabilities()[i]}, null);
            Agreement.assertLabels(new String[] {p.get("label").asText()}, row, ServeFixture.CLASSES, Agreement.SAME_GRAPH,
                    "row " + i);
        }
        JsonNode regression = http.post("/v1/models/price:predict", ServeFixture.v1Request(rows, 0, 50)).json();
        double[] expected = price.score(ServeFixture.columns(rows, ""), rows.rows()).predictions();
        for (int i = 0; i < 50; i++) {
            Agreement.assertClose(regression.get("predictions").get(i).get("prediction").doubleValue(), expected[i],
                    Agreement.SAME_GRAPH, "prediction " + i);
        }
    }

    @Test
    void v1MissingValuesAsNullOrLeftOutAreTheModelsMissing() {
        String body = "{\"instances\": [{\"colour\": null}, {}, {\"count\": null, \"amount\": null, \"colour\": \"NA\"}]}";
        JsonNode predictions = http.post("/v1/models/churn:predict", body).json().get("predictions");
        // The same three rows scored directly (ONNX Runtime's last bits depend on batch size and threads).
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        Scores direct = churn.score(Map.of("count", nan, "amount", nan, "colour", new String[] {"NA", "NA", "NA"}), 3);
        for (int i = 0; i < 3; i++) {
            JsonNode p = predictions.get(i);
            assertThat(p.get("label").asText()).isEqualTo(direct.labels()[i]);
            Agreement.assertClose(p.get("probabilities").get("high").doubleValue(), direct.probabilities()[i][2],
                    Agreement.SAME_GRAPH, "row " + i);
        }
    }

    static Stream<Arguments> badRequests() {
        String ok = ServeFixture.v2Request(ServeFixture.table(2, 9, false), 0, 2).toString();
        String count = "{\"name\":\"count\",\"datatype\":\"FP64\",\"shape\":[2,1],\"data\":[1,2]}";
        String amount = "{\"name\":\"amount\",\"datatype\":\"FP64\",\"shape\":[2],\"data\":[1,2]}";
        String colour = "{\"name\":\"colour\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\"red\",\"blue\"]}";
        String infer = "/v2/models/churn/infer";
        String predict = "/v1/models/churn:predict";
        return Stream.of(
                Arguments.of(infer, "{\"inputs\": [", 400, "malformed JSON at line 1"),
                Arguments.of(infer, "", 400, "the request body is empty"),
                Arguments.of(infer, ok + " {}", 400, "malformed JSON at line 1"),
                Arguments.of(infer, "[1, 2]", 400, "must be a JSON object"),
                Arguments.of(infer, "{}", 400, "\"inputs\" must be a non-empty array"),
                Arguments.of(infer, inputs(count, amount, colour, colour.replace("colour", "size")), 400,
                        "unknown input 'size': the model's inputs are count, amount, colour"),
                Arguments.of(infer, inputs(count, colour), 400, "missing input 'amount'"),
                Arguments.of(infer, inputs(count, amount, colour, colour), 400, "input 'colour' is given twice"),
                Arguments.of(infer, inputs(count.replace("FP64", "BYTES"), amount, colour), 400,
                        "input 'count': datatype BYTES does not fit this numeric column: use FP64, FP32 or INT64"),
                Arguments.of(infer, inputs(count, amount, colour.replace("BYTES", "FP64")), 400,
                        "input 'colour': datatype FP64 does not fit this categorical column: use BYTES"),
                Arguments.of(infer, inputs(count.replace("[1,2]", "[\"1\",2]"), amount, colour), 400,
                        "input 'count' (FP64): value 0 is a string, not a number"),
                Arguments.of(infer, inputs(count, amount, colour.replace("\"blue\"", "7")), 400,
                        "input 'colour' (BYTES): value 1 is a number, not a string"),
                Arguments.of(infer, inputs(count.replace("FP64", "INT64").replace("[1,2]", "[1,2.5]"), amount, colour), 400,
                        "input 'count' (INT64): value 1 (2.5) is not a 64-bit whole number"),
                Arguments.of(infer, inputs(count.replace("[1,2]}", "[1,2,3]}"), amount, colour), 400,
                        "input 'count': shape [2,1] holds 2 values but data has 3"),
                Arguments.of(infer, inputs(count.replace("[2,1]", "[1,2]"), amount, colour), 400,
                        "input 'count': shape [1,2] does not fit one column: use [N] or [N, 1]"),
                Arguments.of(infer, inputs(count.replace("[2,1]", "[2,1,1]"), amount, colour), 400,
                        "input 'count': \"shape\" must be [N] or [N, 1]"),
                Arguments.of(infer, inputs(count, amount.replace("[2]", "[3]").replace("[1,2]", "[1,2,3]"), colour), 400,
                        "input 'amount' has 3 rows but input 'count' has 2: every input needs the same number of rows"),
                Arguments.of(infer, inputs(count, amount, colour).replace("]}", "], \"outputs\": [{\"name\": \"score\"}]}"),
                        400, "unknown output 'score': the model's outputs are label, probabilities"),
                Arguments.of(infer, ok.replace("{\"inputs\"", "{\"id\": 7, \"inputs\""), 400, "\"id\" must be a string"),
                Arguments.of("/v2/models/nope/infer", ok, 404, "unknown model 'nope': this server has churn, price"),
                Arguments.of("/v1/models/nope:predict", "{}", 404, "unknown model 'nope'"),
                Arguments.of("/v2/models/churn/explain", ok, 404, "no such endpoint: POST /v2/models/churn/explain"),
                Arguments.of("/v2/models/churn", ok, 405, "use GET for /v2/models/churn"),
                Arguments.of(predict, "{\"instances\": []}", 400, "\"instances\" must be a non-empty array"),
                Arguments.of(predict, "{\"instances\": [{\"count\": 1}, 3]}", 400,
                        "instance 1 is a number: each instance must be an object"),
                Arguments.of(predict, "{\"instances\": [{\"cuont\": 1}]}", 400,
                        "instance 0: unknown column 'cuont': the model's columns are count, amount, colour"),
                Arguments.of(predict, "{\"instances\": [{\"count\": \"many\"}]}", 400,
                        "instance 0, column 'count': a string where a number (or null) is expected"),
                Arguments.of(predict, "{\"instances\": [{\"colour\": [1]}]}", 400,
                        "instance 0, column 'colour': an array where a string (or null) is expected"),
                Arguments.of(predict, "{\"instances\": [{\"count\": 1}", 400, "malformed JSON"));
    }

    private static String inputs(String... tensors) {
        return "{\"inputs\": [" + String.join(", ", tensors) + "]}";
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("badRequests")
    void badRequestsGetTheirStatusAndAMessage(String path, String body, int status, String message) {
        Http.Reply reply = http.post(path, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("content-type")).hasValue("application/json");
        assertThat(reply.json().get("error").asText()).contains(message);
        assertThat(reply.json().size()).isEqualTo(1);
    }

    @Test
    void unknownPathsAndMethods() {
        assertThat(http.get("/v3").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/churn/infer").status()).isEqualTo(405);
        assertThat(http.get("/v2/models/nope").json().get("error").asText()).isEqualTo("unknown model 'nope': this server has churn, price");
        assertThat(http.get("/v2/models/nope/ready").status()).isEqualTo(404);
    }

    @Test
    void metricsCountRequestsErrorsLatencyAndRows() {
        // Other tests use the same server first: only the change across these two requests is theirs.
        String before = http.get("/metrics").body();
        http.post("/v2/models/price/infer", ServeFixture.v2Request(rows, 0, 7));
        http.post("/v2/models/price/infer", "{");
        Http.Reply metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        String after = metrics.body();

        String ok = "mlship_requests_total{endpoint=\"infer\",model=\"price\",status=\"200\"}";
        String bad = "mlship_requests_total{endpoint=\"infer\",model=\"price\",status=\"400\"}";
        String error = "mlship_errors_total{endpoint=\"infer\",model=\"price\",status=\"400\"}";
        String okErrors = "mlship_errors_total{endpoint=\"infer\",model=\"price\",status=\"200\"}";
        String latency = "mlship_request_duration_seconds_count{endpoint=\"infer\",model=\"price\"}";
        String rowCount = "mlship_request_rows_count{endpoint=\"infer\",model=\"price\"}";
        String rowSum = "mlship_request_rows_sum{endpoint=\"infer\",model=\"price\"}";
        assertThat(sample(after, ok) - sample(before, ok)).as(ok).isEqualTo(1.0);
        assertThat(sample(after, bad) - sample(before, bad)).as(bad).isEqualTo(1.0);
        assertThat(sample(after, error) - sample(before, error)).as(error).isEqualTo(1.0);
        assertThat(sample(after, okErrors)).as("a 200 is no error").isZero();
        assertThat(sample(after, latency) - sample(before, latency)).as(latency).isEqualTo(2.0);
        // The malformed body never reached scoring: one request of 7 rows.
        assertThat(sample(after, rowCount) - sample(before, rowCount)).as(rowCount).isEqualTo(1.0);
        assertThat(sample(after, rowSum) - sample(before, rowSum)).as(rowSum).isEqualTo(7.0);
        assertThat(after).contains("mlship_request_duration_seconds_bucket{endpoint=\"infer\",model=\"price\",le=")
                .contains("mlship_request_rows_bucket{endpoint=\"infer\",model=\"price\",le=")
                .containsPattern("(?m)^mlship_requests_in_flight [0-9.]+$");
    }

    /** The value of one series in a Prometheus text exposition, 0 when the series is not there yet. */
    private static double sample(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).strip().split(" ")[0])).orElse(0.0);
    }

    @Test
    void sixtyFourParallelClientsGetCorrectAnswers() throws Exception {
        Scores direct = churn.score(rows, "NA");
        double[] regression = price.score(rows, "").predictions();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger answers = new java.util.concurrent.atomic.AtomicInteger();
        for (int c = 0; c < 64; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Http own = Http.to(http.port());
                    for (int k = 0; k < 8; k++) {
                        int from = (client * 7 + k * 13) % 250;
                        int to = from + 1 + (client + k) % 50;
                        if ((client + k) % 2 == 0) {
                            Http.Reply reply = own.post("/v2/models/churn/infer", ServeFixture.v2Request(rows, from, to));
                            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                            JsonNode out = reply.json().get("outputs");
                            Scores expected = new Scores(java.util.Arrays.copyOfRange(direct.labels(), from, to),
                                    java.util.Arrays.copyOfRange(direct.probabilities(), from, to), null);
                            Agreement.assertLabels(strings(out.get(0).get("data")), expected, ServeFixture.CLASSES,
                                    Agreement.SAME_GRAPH, "labels");
                            Agreement.assertClose(doubles(out.get(1).get("data")), flat(expected.probabilities()),
                                    Agreement.SAME_GRAPH, "probabilities");
                        } else {
                            Http.Reply reply = own.post("/v1/models/price:predict", ServeFixture.v1Request(rows, from, to));
                            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                            JsonNode p = reply.json().get("predictions");
                            assertThat(p).hasSize(to - from);
                            for (int i = from; i < to; i++) {
                                Agreement.assertClose(p.get(i - from).get("prediction").doubleValue(), regression[i],
                                        Agreement.SAME_GRAPH, "prediction " + i);
                            }
                        }
                        answers.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(answers.get()).isEqualTo(64 * 8);
    }

    static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static ArrayNode array(int... dims) {
        ArrayNode a = ServeFixture.JSON.createArrayNode();
        for (int d : dims) {
            a.add(d);
        }
        return a;
    }
}
