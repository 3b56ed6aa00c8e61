package dev.mlship.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mlship.data.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema shipped for editors and outside checks agrees with what the loader accepts. */
class SchemaTest {
    private static JsonNode root;
    private static Schema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/mlship.schema.json")) {
            assertThat(in).as("mlship.schema.json on the classpath").isNotNull();
            root = new ObjectMapper().readTree(in);
        }
        try (InputStream in = SchemaTest.class.getResourceAsStream("/mlship.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static List<Error> validate(String yaml) {
        return schema.validate(yaml, InputFormat.YAML);
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asText().substring(1));
            assertThat(current.isMissingNode()).as("$ref %s resolves", node.get("$ref")).isFalse();
        }
        return current;
    }

    private static JsonNode def(String name) {
        return root.get("$defs").get(name);
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theFullExampleValidates() {
        assertThat(validate(ConfigFixture.fullExample())).isEmpty();
        assertThat(validate(ConfigFixture.MINIMAL)).isEmpty();
    }

    @Test
    void anXGBoostConfigWithImputeNoneValidates() {
        String yaml = "name: credit-risk\ndata: {path: a.csv, label: y}\nprepare: {impute: {numeric: none}}\n"
                + "model: {task: classification, algorithm: xgboost, params: {n_estimators: 300, learning_rate: 0.05,"
                + " early_stopping_rounds: 20}, search: {space: {max_depth: [4, 6]}}}\n";
        assertThat(validate(yaml)).isEmpty();
    }

    @Test
    void randomSearchRangesValidateAndMalformedOnesDoNot() {
        String random = ConfigFixture.MINIMAL + "  search: {method: random, trials: 8, space: {max_depth: {min: 2, max: 8},"
                + " subsample: [0.5, 1.0]}}\n";
        assertThat(validate(random)).isEmpty();
        assertThat(validate(random.replace("{min: 2, max: 8}", "{min: 2, upto: 8}"))).isNotEmpty();
        assertThat(validate(random.replace("trials: 8", "trials: 0"))).isNotEmpty();
    }

    @Test
    void mlpAndSvmConfigsValidate() {
        String tail = "name: credit-risk\ndata: {path: a.csv, label: y}\n";
        assertThat(validate(tail + "model: {task: classification, algorithm: mlp, params: {hidden_layers: [64, 32],"
                + " activation: tanh}, search: {space: {hidden_layers: [[16], [64, 32]], learning_rate: [0.01, 0.1]}}}\n")).isEmpty();
        assertThat(validate(tail + "model: {task: classification, algorithm: svm, params: {kernel: rbf, C: 10,"
                + " multiclass: ovr}, search: {method: random, trials: 4, space: {gamma: {min: 0.01, max: 1, log: true}}}}\n"))
                .isEmpty();
    }

    @Test
    void everySectionListsExactlyTheKeysOfItsRecord() {
        assertSection(root, PipelineSpec.class, "(top level)");
    }

    private static void assertSection(JsonNode node, Class<?> record, String where) {
        JsonNode section = resolve(node);
        assertThat(section.path("additionalProperties").isBoolean() && !section.get("additionalProperties").asBoolean())
                .as("%s has additionalProperties: false", where).isTrue();
        assertThat(names(section.get("properties"))).as("keys of %s", where)
                .containsExactlyElementsOf(YamlNames.keysOf(record));
        for (RecordComponent component : record.getRecordComponents()) {
            String key = YamlNames.keyOf(component);
            JsonNode property = section.get("properties").get(key);
            Class<?> type = component.getType();
            if (type.isRecord()) {
                assertSection(property, type, where + " " + key);
            } else if (Map.class.isAssignableFrom(type) && valueType(component).isRecord()) {
                JsonNode map = resolve(property);
                assertThat(map.get("properties").size()).as("%s lists its keys", key).isPositive();
                map.get("properties").fields().forEachRemaining(e ->
                        assertSection(e.getValue(), valueType(component), where + " " + key + "." + e.getKey()));
            }
        }
    }

    private static Class<?> valueType(RecordComponent component) {
        Type[] args = ((ParameterizedType) component.getGenericType()).getActualTypeArguments();
        return args[1] instanceof Class<?> c ? c : Object.class;
    }

    static Stream<String> unknownKeys() {
        String minimal = ConfigFixture.MINIMAL;
        return Stream.of(
                minimal + "colour: blue\n",
                minimal.replace("  label: default\n", "  label: default\n  colour: blue\n"),
                minimal.replace("  label: default\n", "  label: default\n  split: {test: 0.2, sed: 1}\n"),
                minimal + "evaluate: {gates: {auc: {min: 0.5, minimum: 0.6}}}\n",
                minimal + "evaluate: {gates: {kappa: {min: 0.5}}}\n",
                minimal + "  params: {tres: 10}\n",
                minimal + "  search: {space: {tres: [10]}}\n",
                minimal + "  search: {grid: true, space: {trees: [10]}}\n",
                minimal + "prepare: {impute: {numeric: mean, value: 0}}\n",
                minimal + "package: {registry: ghcr.io}\n",
                minimal + "promote: {tags: [production]}\n");
    }

    @ParameterizedTest
    @MethodSource("unknownKeys")
    void unknownKeysFailTheSchema(String yaml) {
        assertThat(validate(yaml)).as(yaml).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "model: {task: classification, algorithm: random_forest, params: {max_depth: 0}}",
        "model: {task: classification, algorithm: random_forest, params: {subsample: 1.5}}",
        "model: {task: regression, algorithm: random_forest, params: {split_rule: gini}}",
        "model: {task: classification, algorithm: gradient_boosting, params: {loss: huber}}",
        "model: {task: classification, algorithm: linear}",
        "model: {task: regression, algorithm: svm}",
        "model: {task: classification, algorithm: svm, params: {C: 0}}",
        "model: {task: classification, algorithm: svm, params: {kernel: poly}}",
        "model: {task: classification, algorithm: mlp, params: {hidden_layers: []}}",
        "model: {task: classification, algorithm: mlp, params: {hidden_layers: [64, 0]}}",
        "model: {task: classification, algorithm: mlp, params: {hidden_layers: 64}}",
        "model: {task: regression, algorithm: mlp, params: {momentum: 1}}",
        "model: {task: regression, algorithm: mlp, search: {method: random, space: {hidden_layers: {min: 1, max: 9}}}}",
        "model: {task: classification, algorithm: random_forest, search: {space: {max_depth: []}}}",
        "model: {task: classification, algorithm: random_forest, search: {folds: 1, space: {trees: [10]}}}",
        "model: {task: classification, algorithm: random_forest}\nevaluate: {metrics: [auc, rmse]}",
        "model: {task: regression, algorithm: ridge}\nevaluate: {gates: {auc: {min: 0.5}}}",
        "model: {task: regression, algorithm: ridge}\nevaluate: {positive_class: bad}",
        "model: {task: classification, algorithm: random_forest}\nevaluate: {gates: {auc: {max_drop: \"2 percent\"}}}",
        "model: {task: classification, algorithm: random_forest}\nevaluate: {folds: 101}",
        "model: {task: classification, algorithm: random_forest}\nprepare: {impute: {numeric: constant}}",
        "model: {task: classification, algorithm: random_forest}\npromote: {tag: \"-bad\"}",
        "model: {task: classification, algorithm: random_forest}\ndata: {path: a.csv, label: y, split: {test: 1}}",
        "model: {task: classification, algorithm: xgboost, params: {learning_rate: 0}}",
        "model: {task: classification, algorithm: xgboost, params: {eta: 0.1}}",
        "model: {task: regression, algorithm: xgboost, params: {scale_pos_weight: 2}}",
        "model: {task: regression, algorithm: xgboost, search: {space: {validation_fraction: [1]}}}",
        "model: {task: classification, algorithm: random_forest}\nprepare: {impute: {categorical: none}}"})
    void outOfRangeValuesFailTheSchema(String tail) {
        String yaml = "name: credit-risk\n" + (tail.contains("data:") ? "" : "data: {path: a.csv, label: y}\n") + tail + "\n";

        assertThat(validate(yaml)).as(yaml).isNotEmpty();
    }

    @Test
    void autoConfigsValidateAndMisusedOnesDoNot() {
        String head = "name: credit-risk\ndata: {path: a.csv, label: y}\n";
        assertThat(validate(head + "model: {task: regression, algorithm: auto}\n")).isEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: auto, auto: {trials: 6, max_seconds: 120}}\n")).isEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: auto, auto: {trials: 0}}\n")).isNotEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: auto, auto: {max_seconds: 0}}\n")).isNotEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: auto, auto: {seconds: 9}}\n")).isNotEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: auto, params: {trees: 9}}\n")).isNotEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: auto, search: {space: {trees: [9]}}}\n")).isNotEmpty();
        assertThat(validate(head + "model: {task: classification, algorithm: xgboost, auto: {trials: 3}}\n")).isNotEmpty();
    }

    @Test
    void enumsEqualTheJavaEnums() {
        assertThat(texts(def("model").at("/properties/task/enum"))).containsExactlyElementsOf(YamlNames.idsOf(Task.class));
        assertThat(texts(def("model").at("/properties/algorithm/enum"))).containsExactlyElementsOf(YamlNames.idsOf(AlgorithmName.class));
        assertThat(texts(def("metric").get("enum"))).containsExactlyElementsOf(YamlNames.idsOf(MetricName.class));
        assertThat(texts(def("classification_metric").get("enum")))
                .containsExactlyElementsOf(MetricName.of(Task.CLASSIFICATION).stream().map(MetricName::id).toList());
        assertThat(texts(def("regression_metric").get("enum")))
                .containsExactlyElementsOf(MetricName.of(Task.REGRESSION).stream().map(MetricName::id).toList());
        assertThat(names(def("evaluate").at("/properties/gates/properties"))).containsExactlyElementsOf(YamlNames.idsOf(MetricName.class));
        assertThat(texts(def("impute").at("/properties/numeric/enum"))).containsExactlyElementsOf(YamlNames.idsOf(PrepareSpec.Strategy.class));
        assertThat(texts(def("impute").at("/properties/categorical/enum"))).containsExactly("most_frequent", "constant");
        assertThat(texts(def("prepare").at("/properties/encode/enum"))).containsExactlyElementsOf(YamlNames.idsOf(PrepareSpec.Encoding.class));
        assertThat(texts(def("prepare").at("/properties/scale/enum"))).containsExactlyElementsOf(YamlNames.idsOf(PrepareSpec.Scaling.class));
        assertThat(texts(def("data").at("/properties/types/additionalProperties/enum"))).containsExactlyElementsOf(YamlNames.idsOf(ColumnType.class));
        assertThat(texts(def("search").at("/properties/method/enum"))).containsExactlyElementsOf(YamlNames.idsOf(ModelSpec.SearchSpec.Method.class));
    }

    @Test
    void algorithmsPerTaskEqualWhatEachAlgorithmDoes() {
        for (JsonNode rule : def("model").get("allOf")) {
            JsonNode task = rule.at("/if/properties/task/const");
            JsonNode algorithms = rule.at("/then/properties/algorithm/enum");
            if (!task.isMissingNode() && !algorithms.isMissingNode()) {
                Task t = Task.valueOf(task.asText().toUpperCase(java.util.Locale.ROOT));
                assertThat(texts(algorithms)).as(t.id()).containsExactlyElementsOf(
                        Arrays.stream(AlgorithmName.values()).filter(a -> a.acceptedFor(t)).map(AlgorithmName::id).toList());
            }
        }
    }

    @Test
    void paramsOfEachAlgorithmEqualAlgorithmParams() {
        for (AlgorithmName algorithm : AlgorithmName.values()) {
            if (algorithm == AlgorithmName.AUTO) {
                continue; // takes no params: the schema forbids them (autoConfigsValidateAndMisusedOnesDoNot)
            }
            JsonNode params = def("params_" + algorithm.id());
            JsonNode space = def("space_" + algorithm.id());
            assertThat(params).as("params_" + algorithm.id()).isNotNull();
            assertThat(params.get("additionalProperties").asBoolean(true)).isFalse();
            assertThat(space.get("additionalProperties").asBoolean(true)).isFalse();
            assertThat(names(params.get("properties"))).as(algorithm.id()).containsExactlyElementsOf(AlgorithmParams.allNames(algorithm));
            assertThat(names(space.get("properties"))).as(algorithm.id()).containsExactlyElementsOf(AlgorithmParams.allNames(algorithm));
            Task task = Arrays.stream(Task.values()).filter(algorithm::does).findFirst().orElseThrow();
            for (String name : AlgorithmParams.allNames(algorithm)) {
                AlgorithmParams.Param param = AlgorithmParams.find(algorithm, task, name)
                        .or(() -> AlgorithmParams.find(algorithm, Task.REGRESSION, name))
                        .orElseThrow();
                assertParam(params.get("properties").get(name), param, algorithm.id() + "." + name);
                assertThat(space.at("/properties/" + name + "/items/$ref").asText())
                        .isEqualTo("#/$defs/params_" + algorithm.id() + "/properties/" + name);
            }
        }
    }

    private static void assertParam(JsonNode node, AlgorithmParams.Param param, String where) {
        switch (param.type()) {
            case CHOICE -> assertThat(texts(node.get("enum"))).as(where).containsExactlyElementsOf(param.choices());
            case INTEGER_LIST -> {
                assertThat(node.get("type").asText()).as(where).isEqualTo("array");
                assertThat(node.get("minItems").asInt()).as(where).isEqualTo(1);
                assertThat(node.at("/items/type").asText()).as(where).isEqualTo("integer");
                assertThat(node.at("/items/minimum").asDouble()).as(where).isEqualTo(param.min());
            }
            case INTEGER, NUMBER -> {
                assertThat(node.get("type").asText()).as(where).isEqualTo(param.type() == AlgorithmParams.Type.INTEGER ? "integer" : "number");
                String lower = param.minOpen() ? "exclusiveMinimum" : "minimum";
                assertThat(node.get(lower).asDouble()).as(where + " " + lower).isEqualTo(param.min());
                if (param.max() == Double.POSITIVE_INFINITY) {
                    assertThat(node.has("maximum") || node.has("exclusiveMaximum")).as(where + " has no upper bound").isFalse();
                } else {
                    assertThat(node.get(param.maxOpen() ? "exclusiveMaximum" : "maximum").asDouble()).as(where).isEqualTo(param.max());
                }
            }
        }
        Object expected = param.defaultValue();
        JsonNode actual = node.get("default");
        switch (expected) {
            case Integer i -> assertThat(actual.isIntegralNumber() && actual.asInt() == i).as(where + " default").isTrue();
            case Double d -> assertThat(actual.asDouble()).as(where + " default").isEqualTo(d);
            case List<?> list -> assertThat(actual.isArray() && list.equals(new ObjectMapper().convertValue(actual, List.class)))
                    .as(where + " default").isTrue();
            default -> assertThat(actual.asText()).as(where + " default").isEqualTo(expected);
        }
    }
}
