package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.Task;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every algorithm and task, trained on data with categorical columns and missing values, exported and
 * run by ONNX Runtime: labels must agree on every row, probabilities and predictions within 1e-6.
 */
class ExportParityTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (AlgorithmName a : AlgorithmName.values()) {
            for (Task task : Task.values()) {
                if (!a.does(task)) {
                    continue;
                }
                for (Scaling scaling : Scaling.values()) {
                    if (task == Task.CLASSIFICATION) {
                        out.add(Arguments.of(a, task, 2, scaling, 1.0));
                        out.add(Arguments.of(a, task, 3, scaling, 1.0));
                    } else {
                        out.add(Arguments.of(a, task, 0, scaling, 1.0));
                        out.add(Arguments.of(a, task, 0, scaling, 1e9));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} classes={2} scale={3} y*{4}")
    @MethodSource("cases")
    void onnxRuntimeReproducesSmile(AlgorithmName algorithm, Task task, int k, Scaling scaling, double yScale) {
        Table train = SyntheticData.table(400, 1, false);
        Table test = SyntheticData.table(300, 2, true);
        Target y = task == Task.CLASSIFICATION ? SyntheticData.classes(train, k, 3) : SyntheticData.values(train, yScale, 3);
        PrepareSpec spec = new PrepareSpec(new ImputeSpec(null, null, null, null), null, scaling, null);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES, spec);
        Params params = new Params(AlgorithmParams.resolve(algorithm, task, Map.of()))
                .with(algorithm == AlgorithmName.RANDOM_FOREST || algorithm == AlgorithmName.GRADIENT_BOOSTING
                        ? Map.of("trees", 20) : Map.of());
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y, params, 7);
        List<String> classNames = y instanceof Target.Classes c ? c.names() : null;

        byte[] onnx = OnnxExporter.export("t", prep, model.smile(), classNames, SyntheticData.MISSING, Map.of("k", "v"));
        Predictions smile = model.predict(prep.transform(test));
        try (OnnxModel m = OnnxModel.of(onnx)) {
            Parity parity = ParityCheck.compare(smile, m.score(test, ""), classNames);
            assertThat(parity.rows()).isEqualTo(300);
            assertThat(parity.labelAgreement()).isEqualTo(1.0);
            assertThat(parity.maxAbsDiff()).isLessThanOrEqualTo(Parity.TOLERANCE);
            assertThat(m.inputs()).containsOnlyKeys(SyntheticData.FEATURES);
            assertThat(m.metadata()).containsEntry("k", "v");
        }
        byte[] again = OnnxExporter.export("t", prep, model.smile(), classNames, SyntheticData.MISSING, Map.of("k", "v"));
        assertThat(again).isEqualTo(onnx);
    }
}
