package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Task;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GraphCheckTest {
    static byte[] export(AlgorithmName algorithm, Task task, int classes) {
        Table train = SyntheticData.table(200, 1, false);
        Target y = task == Task.CLASSIFICATION ? SyntheticData.classes(train, classes, 3) : SyntheticData.values(train, 1, 3);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES, PrepareSpec.DEFAULT);
        Params p = new Params(AlgorithmParams.resolve(algorithm, task, Map.of())).with(
                algorithm == AlgorithmName.RANDOM_FOREST || algorithm == AlgorithmName.GRADIENT_BOOSTING ? Map.of("trees", 5) : Map.of());
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y, p, 1);
        return OnnxExporter.export("t", prep, model.smile(), y instanceof Target.Classes c ? c.names() : null,
                SyntheticData.MISSING, Map.of("mlship.name", "t"));
    }

    @ParameterizedTest
    @EnumSource(AlgorithmName.class)
    void everyExportedGraphIsWellFormed(AlgorithmName algorithm) throws Exception {
        for (Task task : Task.values()) {
            if (!algorithm.does(task)) {
                continue;
            }
            for (int k : task == Task.CLASSIFICATION ? new int[] {2, 3} : new int[] {0}) {
                assertThat(GraphCheck.problems(export(algorithm, task, k))).as(algorithm + " " + task + " " + k).isEmpty();
            }
        }
    }

    @Test
    void theCheckFindsWhatTheOnnxCheckerWould() throws Exception {
        ModelProto good = ModelProto.parseFrom(export(AlgorithmName.LOGISTIC, Task.CLASSIFICATION, 2));
        assertThat(GraphCheck.problems(good)).isEmpty();

        ModelProto unread = good.toBuilder().setGraph(good.getGraph().toBuilder()
                .addNode(NodeProto.newBuilder().setName("orphan").setOpType("Neg").addInput("nowhere").addOutput("z"))).build();
        assertThat(GraphCheck.problems(unread)).anyMatch(p -> p.contains("reads nowhere"));

        ModelProto twice = good.toBuilder().setGraph(good.getGraph().toBuilder()
                .addNode(NodeProto.newBuilder().setName("dup").setOpType("Neg").addInput("count").addOutput("label"))).build();
        assertThat(GraphCheck.problems(twice)).anyMatch(p -> p.contains("label is produced twice"));

        ModelProto domain = good.toBuilder().setGraph(good.getGraph().toBuilder()
                .addNode(NodeProto.newBuilder().setName("odd").setDomain("com.example").setOpType("X").addInput("count")
                        .addOutput("q"))).build();
        assertThat(GraphCheck.problems(domain)).anyMatch(p -> p.contains("undeclared domain"));

        var outputs = good.getGraph().getOutputList();
        ModelProto shapeless = good.toBuilder().setGraph(good.getGraph().toBuilder().setOutput(0, outputs.get(0).toBuilder()
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(8))))).build();
        assertThat(GraphCheck.problems(shapeless)).anyMatch(p -> p.contains("declares no shape"));

        assertThat(GraphCheck.problems(good.toBuilder().setIrVersion(12).build())).anyMatch(p -> p.contains("ir_version"));
    }

    @Test
    void outputsAreTheDocumentedOnes() throws Exception {
        ModelProto classifier = ModelProto.parseFrom(export(AlgorithmName.RANDOM_FOREST, Task.CLASSIFICATION, 3));
        assertThat(classifier.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("label", "probabilities");
        assertThat(classifier.getGraph().getOutput(1).getType().getTensorType().getShape().getDim(1).getDimValue()).isEqualTo(3);
        ModelProto regressor = ModelProto.parseFrom(export(AlgorithmName.RIDGE, Task.REGRESSION, 0));
        assertThat(regressor.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("prediction");
        assertThat(regressor.getGraph().getInputList()).extracting(i -> i.getName()).containsExactlyElementsOf(List.of(
                "count", "amount", "colour"));
    }
}
