package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlship.onnx.Agreement;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.OnnxModel.InputKind;
import dev.mlship.onnx.Scores;
import dev.mlship.serve.InferenceServer;
import dev.mlship.serve.ModelRegistry;
import dev.mlship.serve.ServeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example pipeline's model.onnx, served: its name comes from mlship.yaml, its answers from ONNX Runtime.
 * The server, {@code mlship predict} and the direct reference each run their own session (thread count and
 * batch differ), so answers agree within {@link Agreement#SAME_GRAPH}, not bit for bit.
 */
class CreditRiskServeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static OnnxModel direct;
    static ModelRegistry models;
    static InferenceServer server;
    static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static int port;
    static List<String> header;
    static List<String[]> rows;

    @BeforeAll
    static void runAndServe() throws Exception {
        Cli run = Cli.run("run", "examples/credit-risk", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path model = dir.resolve("model.onnx");
        direct = OnnxModel.of(Files.readAllBytes(model));
        models = ModelRegistry.ofFile(model, null);
        server = new InferenceServer(models, ServeOptions.loopback(), System.out);
        port = server.start();
        List<String> lines = Files.readAllLines(Path.of("examples/credit-risk/data/credit.csv"));
        header = List.of(unquote(lines.getFirst().split(",", -1)));
        rows = lines.subList(1, 401).stream().map(l -> unquote(l.split(",", -1))).toList();
    }

    @AfterAll
    static void stop() {
        server.stop();
        models.close();
        direct.close();
    }

    private static String[] unquote(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].replace("\"", "");
        }
        return fields;
    }

    /** The CSV rows as the model's columns: empty fields missing (NaN, or the empty marker). */
    private static Map<String, Object> columns() {
        Map<String, Object> out = new LinkedHashMap<>();
        direct.inputs().forEach((name, kind) -> {
            int c = header.indexOf(name);
            if (kind == InputKind.NUMERIC) {
                out.put(name, rows.stream().mapToDouble(r -> r[c].isEmpty() ? Double.NaN : Double.parseDouble(r[c])).toArray());
            } else {
                out.put(name, rows.stream().map(r -> r[c]).toArray(String[]::new));
            }
        });
        return out;
    }

    private static JsonNode post(String path, JsonNode body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void servedUnderThePipelinesName() {
        assertThat(models.names()).containsExactly("credit-risk");
        assertThat(direct.inputs()).doesNotContainKey("Status").containsKeys("Age", "Home", "Income");
    }

    @Test
    void v1RecordsFromTheCsvEqualDirectScoring() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        for (String[] r : rows) {
            ObjectNode record = instances.addObject();
            direct.inputs().forEach((name, kind) -> {
                String v = r[header.indexOf(name)];
                if (v.isEmpty()) {
                    record.putNull(name);
                } else if (kind == InputKind.NUMERIC) {
                    record.put(name, Double.parseDouble(v));
                } else {
                    record.put(name, v);
                }
            });
        }
        JsonNode predictions = post("/v1/models/credit-risk:predict", body).get("predictions");
        Scores expected = direct.score(columns(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode p = predictions.get(i);
            assertAgrees(expected, i, p.get("label").asText(), p.get("probabilities").get("good").doubleValue(),
                    p.get("probabilities").get("bad").doubleValue());
        }
    }

    @Test
    void v2TensorsFromTheCsvEqualDirectScoring() throws Exception {
        Map<String, Object> columns = columns();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        columns.forEach((name, values) -> {
            ObjectNode in = inputs.addObject().put("name", name);
            in.putArray("shape").add(rows.size()).add(1);
            ArrayNode data = in.putArray("data");
            if (values instanceof double[] d) {
                in.put("datatype", "FP64");
                for (double v : d) {
                    if (Double.isNaN(v)) {
                        data.addNull();
                    } else {
                        data.add(v);
                    }
                }
            } else {
                in.put("datatype", "BYTES");
                for (String v : (String[]) values) {
                    data.add(v);
                }
            }
        });
        JsonNode outputs = post("/v2/models/credit-risk/infer", body).get("outputs");
        Scores expected = direct.score(columns, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertAgrees(expected, i, outputs.get(0).get("data").get(i).asText(),
                    outputs.get(1).get("data").get(2 * i).doubleValue(), outputs.get(1).get("data").get(2 * i + 1).doubleValue());
        }

        // The same rows through `mlship predict` (a CSV in, a CSV out): the same answers.
        List<String> lines = Files.readAllLines(Path.of("examples/credit-risk/data/credit.csv")).subList(0, rows.size() + 1);
        Path csv = Files.write(dir.resolve("rows.csv"), lines);
        Path predicted = dir.resolve("predicted.csv");
        Cli predict = Cli.run("predict", "--model", dir.resolve("model.onnx").toString(), "--data", csv.toString(), "--out",
                predicted.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> out = Files.readAllLines(predicted);
        assertThat(out.getFirst()).isEqualTo("label,probability_good,probability_bad");
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = out.get(i + 1).split(",");
            assertAgrees(expected, i, cells[0], Double.parseDouble(cells[1]), Double.parseDouble(cells[2]));
        }
    }

    private static void assertAgrees(Scores expected, int row, String label, double good, double bad) {
        Agreement.assertClose(new double[] {good, bad}, expected.probabilities()[row], Agreement.SAME_GRAPH, "row " + row);
        Scores one = new Scores(new String[] {expected.labels()[row]}, new double[][] {expected.probabilities()[row]}, null);
        Agreement.assertLabels(new String[] {label}, one, List.of("good", "bad"), Agreement.SAME_GRAPH, "row " + row);
    }
}
