package dev.mlship.bench;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.MetricName;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.PrepareSpec.Strategy;
import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.CsvOptions;
import dev.mlship.data.CsvReader;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Metrics;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Not a test: the xgboost side of bench/xgboost-vs-hgb.sh. Reads a bench/generate.py CSV, trains on the
 * first TRAIN rows and scores the rest: {@code XGBoostFit CSV TRAIN DEPTH LEAVES} (LEAVES 0: depthwise).
 */
public final class XGBoostFit {
    private XGBoostFit() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        Table all = CsvReader.read(Path.of(args[0]), CsvOptions.withMissing(Set.of(""))).table();
        int trainRows = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        int leaves = Integer.parseInt(args[3]);
        Table train = all.select(IntStream.range(0, trainRows).toArray());
        Table test = all.select(IntStream.range(trainRows, all.rows()).toArray());
        List<String> features = all.names().stream().filter(n -> !n.equals("target")).toList();
        long read = System.nanoTime();

        FittedPreprocessor prep = Preprocessor.fit(train, features,
                new PrepareSpec(new ImputeSpec(Strategy.NONE, null, null, null), null, Scaling.NONE, null));
        Params p = new Params(AlgorithmParams.resolve(AlgorithmName.XGBOOST, Task.CLASSIFICATION, leaves > 0
                ? Map.of("n_estimators", 100, "max_depth", depth, "max_leaves", leaves, "grow_policy", "lossguide",
                        "learning_rate", 0.1, "max_bin", 255)
                : Map.of("n_estimators", 100, "max_depth", depth, "learning_rate", 0.1, "max_bin", 255)));
        FittedModel model = Trainer.fit(AlgorithmName.XGBOOST, prep, train, labels(train), p, 42);
        long fit = System.nanoTime();
        double auc = Metrics.compute(List.of(MetricName.AUC), labels(test), model.predict(prep, test)).get(MetricName.AUC);
        long done = System.nanoTime();
        System.out.printf(Locale.ROOT, "xgboost read %.1f s, prepare+fit %.1f s, predict %.1f s, auc %.4f%n",
                (read - start) / 1e9, (fit - read) / 1e9, (done - fit) / 1e9, auc);
    }

    private static Target.Classes labels(Table t) {
        int[] codes = t.column("target") instanceof CategoricalColumn c ? c.codes()
                : java.util.Arrays.stream(((NumericColumn) t.column("target")).values()).mapToInt(v -> (int) v).toArray();
        return new Target.Classes(codes, List.of("0", "1"));
    }
}
