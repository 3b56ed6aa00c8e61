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
 * run by ONNX Runtime: labels agree except on ties, probabilities and predictions within 1e-6 relative
 * to max(1, |value|) ({@link Parity#RULE}), with regression targets up to 1e9 where one ulp is 1.9e-7.
 * The same rows scored in batches of 1, 7, 64 and all, on one thread and on two, agree within
 * {@link Agreement#SAME_GRAPH}: ONNX Runtime picks kernels (and so sums in another order) by batch size,
 * thread count and CPU.
 */
class ExportParityTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (AlgorithmName a : AlgorithmName.values()) {
            for (Task task : Task.values()) {
                if (!a.does(task)) {
                    continue;
                }
                for (Map<String, Object> params : variants(a)) {
                    for (Scaling scaling : Scaling.values()) {
                        Map<String, Object> p = params;
                        if (a == AlgorithmName.MLP && scaling == Scaling.NONE) {
                            // Raw amounts near 1000 make SGD at the default rate diverge (which mlship reports).
                            p = new java.util.HashMap<>(params);
                            p.put("learning_rate", 1e-5);
                        }
                        if (task == Task.CLASSIFICATION) {
                            out.add(Arguments.of(a, task, 2, scaling, 1.0, p));
                            out.add(Arguments.of(a, task, 3, scaling, 1.0, p));
                        } else {
                            for (double yScale : new double[] {1, 1e7, 1e9}) {
                                out.add(Arguments.of(a, task, 0, scaling, yScale, p));
                            }
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    /** Params beyond the defaults that take another export path. */
    private static List<Map<String, Object>> variants(AlgorithmName a) {
        return switch (a) {
            case RANDOM_FOREST -> List.of(Map.of("trees", 20, "engine", "smile"), Map.of("trees", 20, "engine", "xgboost"));
            case GRADIENT_BOOSTING -> List.of(Map.of("trees", 20));
            case MLP -> List.of(Map.of("hidden_layers", List.of(16, 8), "epochs", 20),
                    Map.of("hidden_layers", List.of(12), "activation", "tanh", "epochs", 20),
                    Map.of("hidden_layers", List.of(12), "activation", "sigmoid", "epochs", 20));
            case SVM -> List.of(Map.of(), Map.of("multiclass", "ovr"), Map.of("kernel", "linear", "multiclass", "ovr"),
                    Map.of("kernel", "linear"));
            default -> List.of(Map.of());
        };
    }

    @ParameterizedTest(name = "{0} {1} classes={2} scale={3} y*{4} {5}")
    @MethodSource("cases")
    void onnxRuntimeReproducesSmile(AlgorithmName algorithm, Task task, int k, Scaling scaling, double yScale,
            Map<String, Object> variant) {
        Table train = SyntheticData.table(400, 1, false);
        Table test = SyntheticData.table(300, 2, true);
        Target y = task == Task.CLASSIFICATION ? SyntheticData.classes(train, k, 3) : SyntheticData.values(train, yScale, 3);
        PrepareSpec spec = new PrepareSpec(new ImputeSpec(null, null, null, null), null, scaling, null);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES, spec);
        Params params = new Params(AlgorithmParams.resolve(algorithm, task, variant));
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y, params, 7);
        List<String> classNames = y instanceof Target.Classes c ? c.names() : null;

        byte[] onnx = OnnxExporter.export("t", prep, model.smile(), classNames, SyntheticData.MISSING, Map.of("k", "v"));
        Predictions smile = model.predict(prep.transform(test));
        try (OnnxModel m = OnnxModel.of(onnx)) {
            Scores scores = m.score(test, "");
            Parity parity = ParityCheck.compare(smile, scores, classNames);
            assertThat(parity.rows()).isEqualTo(300);
            // The reported figures, against the test's own count of the same two outputs.
            assertThat(parity.maxRelDiff()).isEqualTo(largestRelativeDifference(smile, scores));
            assertThat(parity.tieCount()).isEqualTo(differentLabels(smile, scores, classNames));
            System.out.printf(java.util.Locale.ROOT, "parity %s %s k=%d %s y*%.0e %s: max abs diff %.3e, relative %.3e%n",
                    algorithm.id(), task.id(), k, scaling, yScale, variant, parity.maxAbsDiff(), parity.maxRelDiff());
            assertThat(m.inputs()).containsOnlyKeys(SyntheticData.FEATURES);
            assertThat(m.metadata()).containsEntry("k", "v");
        }
        byte[] again = OnnxExporter.export("t", prep, model.smile(), classNames, SyntheticData.MISSING, Map.of("k", "v"));
        assertThat(again).isEqualTo(onnx);
    }

    static Stream<Arguments> batchCases() {
        List<Arguments> out = new ArrayList<>();
        for (AlgorithmName a : AlgorithmName.values()) {
            for (Task task : Task.values()) {
                if (a.does(task)) {
                    out.add(Arguments.of(a, task));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("batchCases")
    void batchesOfAnySizeAndThreadCountsAgree(AlgorithmName algorithm, Task task) {
        Table train = SyntheticData.table(400, 1, false);
        Table test = SyntheticData.table(300, 2, true);
        Target y = task == Task.CLASSIFICATION ? SyntheticData.classes(train, 3, 3) : SyntheticData.values(train, 1e9, 3);
        PrepareSpec spec = new PrepareSpec(new ImputeSpec(null, null, null, null), null, Scaling.STANDARD, null);
        FittedPreprocessor prep = Preprocessor.fit(train, SyntheticData.FEATURES, spec);
        Map<String, Object> variant = algorithm == AlgorithmName.MLP ? Map.of("epochs", 20) : Map.of();
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y,
                new Params(AlgorithmParams.resolve(algorithm, task, variant)), 7);
        List<String> classNames = y instanceof Target.Classes c ? c.names() : null;
        byte[] onnx = OnnxExporter.export("t", prep, model.smile(), classNames, SyntheticData.MISSING, Map.of());

        Scores all;
        try (OnnxModel twoThreads = OnnxModel.of(onnx, 2)) {
            all = twoThreads.score(test, "");
        }
        try (OnnxModel oneThread = OnnxModel.of(onnx, 1)) {
            assertAgree(oneThread.score(test, ""), all, classNames, "all rows on one thread");
            for (int batch : new int[] {1, 7, 64}) {
                List<Scores> parts = new ArrayList<>();
                for (int from = 0; from < test.rows(); from += batch) {
                    int[] rows = java.util.stream.IntStream.range(from, Math.min(test.rows(), from + batch)).toArray();
                    parts.add(oneThread.score(test.select(rows), ""));
                }
                assertAgree(Scores.concat(parts), all, classNames, "batches of " + batch);
            }
        }
    }

    private static void assertAgree(Scores actual, Scores expected, List<String> classes, String what) {
        if (classes == null) {
            Agreement.assertClose(actual.predictions(), expected.predictions(), Agreement.SAME_GRAPH, what);
        } else {
            Agreement.assertLabels(actual.labels(), expected, classes, Agreement.SAME_GRAPH, what);
            Agreement.assertClose(Agreement.flat(actual.probabilities()), Agreement.flat(expected.probabilities()),
                    Agreement.SAME_GRAPH, what);
        }
    }

    private static double largestRelativeDifference(Predictions trained, Scores onnx) {
        double max = 0;
        if (trained instanceof Predictions.Values v) {
            for (int i = 0; i < v.size(); i++) {
                max = Math.max(max, Math.abs(v.values()[i] - onnx.predictions()[i]) / Math.max(1, Math.abs(v.values()[i])));
            }
        } else if (trained instanceof Predictions.Classes c) {
            for (int i = 0; i < c.size(); i++) {
                for (int k = 0; k < c.probabilities()[i].length; k++) {
                    max = Math.max(max, Math.abs(c.probabilities()[i][k] - onnx.probabilities()[i][k]));
                }
            }
        }
        return max;
    }

    private static int differentLabels(Predictions trained, Scores onnx, List<String> classes) {
        int n = 0;
        if (trained instanceof Predictions.Classes c) {
            for (int i = 0; i < c.size(); i++) {
                n += classes.get(c.labels()[i]).equals(onnx.labels()[i]) ? 0 : 1;
            }
        }
        return n;
    }
}
