package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.ColumnType;
import dev.mlship.data.NumericColumn;
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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every algorithm and task, trained on data with categorical columns and missing values, exported and
 * run by ONNX Runtime: labels must agree on every row, probabilities and predictions within 1e-6.
 */
class ExportParityTest {
    static final List<String> FEATURES = List.of("count", "amount", "colour");
    static final Set<String> MISSING = Set.of("", "NA");

    /** Rows whose outcome depends on all three features; some values missing, one colour never seen in training. */
    static Table table(int n, long seed, boolean unseen) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] count = new double[n];
        double[] amount = new double[n];
        int[] colour = new int[n];
        for (int i = 0; i < n; i++) {
            count[i] = r.nextInt(20) < 2 ? Double.NaN : r.nextInt(12);
            amount[i] = r.nextInt(15) == 0 ? Double.NaN : 1000 * r.nextGaussian();
            colour[i] = r.nextInt(12) == 0 ? -1 : r.nextInt(unseen ? 5 : 4);
        }
        return new Table(List.of(new NumericColumn("count", count), new NumericColumn("amount", amount),
                new CategoricalColumn("colour", ColumnType.CATEGORICAL, colour, List.of("red", "green", "blue", "grey", "pink"))),
                n);
    }

    static double signal(Table t, int i) {
        double c = ((NumericColumn) t.column("count")).values()[i];
        double a = ((NumericColumn) t.column("amount")).values()[i];
        String col = ((CategoricalColumn) t.column("colour")).value(i);
        return (Double.isNaN(c) ? 5 : c) + (Double.isNaN(a) ? 0 : a / 500) + ("red".equals(col) ? 4 : 0);
    }

    static Target.Classes classes(Table t, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[t.rows()];
        for (int i = 0; i < y.length; i++) {
            double s = signal(t, i) + r.nextGaussian();
            y[i] = k == 2 ? (s > 7 ? 1 : 0) : (s < 5 ? 0 : s < 9 ? 1 : 2);
        }
        return new Target.Classes(y, k == 2 ? List.of("no", "yes") : List.of("low", "mid", "high"));
    }

    static Target.Values values(Table t, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[t.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = scale * (signal(t, i) + 0.1 * r.nextGaussian());
        }
        return new Target.Values(y);
    }

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
        Table train = table(400, 1, false);
        Table test = table(300, 2, true);
        Target y = task == Task.CLASSIFICATION ? classes(train, k, 3) : values(train, yScale, 3);
        PrepareSpec spec = new PrepareSpec(new ImputeSpec(null, null, null, null), null, scaling, null);
        FittedPreprocessor prep = Preprocessor.fit(train, FEATURES, spec);
        Params params = new Params(AlgorithmParams.resolve(algorithm, task, Map.of()))
                .with(algorithm == AlgorithmName.RANDOM_FOREST || algorithm == AlgorithmName.GRADIENT_BOOSTING
                        ? Map.of("trees", 20) : Map.of());
        FittedModel model = Trainer.fit(algorithm, prep.transform(train), y, params, 7);
        List<String> classNames = y instanceof Target.Classes c ? c.names() : null;

        byte[] onnx = OnnxExporter.export("t", prep, model.smile(), classNames, MISSING, Map.of("k", "v"));
        Predictions smile = model.predict(prep.transform(test));
        try (OnnxModel m = OnnxModel.of(onnx)) {
            Parity parity = ParityCheck.compare(smile, m.score(test, ""), classNames);
            assertThat(parity.rows()).isEqualTo(300);
            assertThat(parity.labelAgreement()).isEqualTo(1.0);
            assertThat(parity.maxAbsDiff()).isLessThanOrEqualTo(Parity.TOLERANCE);
            assertThat(m.inputs()).containsOnlyKeys(FEATURES);
            assertThat(m.metadata()).containsEntry("k", "v");
        }
        byte[] again = OnnxExporter.export("t", prep, model.smile(), classNames, MISSING, Map.of("k", "v"));
        assertThat(again).isEqualTo(onnx);
    }
}
