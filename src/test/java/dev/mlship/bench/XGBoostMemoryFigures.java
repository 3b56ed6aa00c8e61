package dev.mlship.bench;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
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
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Not a test: prints resident memory (VmRSS, and the peak VmHWM) of this process at each step of an
 * xgboost fit on a large CSV: read, fit the preparation, train (float32 blocks into XGBoost's quantised matrix),
 * predict. Generate the data first
 * ({@code python3 bench/generate.py 1000000 bench/data/1m.csv}), then run
 * {@code ./mvnw -Pbench test -Dtest=XGBoostMemoryFigures -Dbench.csv=bench/data/1m.csv}.
 */
class XGBoostMemoryFigures {
    @Test
    void figures() throws IOException {
        Path csv = Path.of(System.getProperty("bench.csv", "bench/data/1m.csv"));
        long start = System.nanoTime();
        print("start", start);
        Table table = CsvReader.read(csv, CsvOptions.withMissing(Set.of(""))).table();
        print("read " + table.rows() + " rows", start);
        List<String> features = table.names().stream().filter(n -> !n.equals("target")).toList();
        FittedPreprocessor prep = Preprocessor.fit(table, features,
                new PrepareSpec(new ImputeSpec(Strategy.NONE, null, null, null), null, Scaling.NONE, null));
        int[] codes = table.column("target") instanceof CategoricalColumn c ? c.codes()
                : java.util.Arrays.stream(((NumericColumn) table.column("target")).values()).mapToInt(v -> (int) v).toArray();
        Target y = new Target.Classes(codes, List.of("0", "1"));
        print("prepared (" + prep.outputNames().size() + " columns)", start);
        Params p = new Params(AlgorithmParams.resolve(AlgorithmName.XGBOOST, Task.CLASSIFICATION,
                Map.of("n_estimators", 100, "max_depth", 6, "learning_rate", 0.1, "max_bin", 255)));
        FittedModel model = Trainer.fit(AlgorithmName.XGBOOST, prep, table, y, p, 1);
        print("trained 100 trees", start);
        model.predict(prep, table);
        print("predicted every row", start);
    }

    private static void print(String step, long start) throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%-32s %6.1f s  RSS %6d MB  peak RSS %6d MB  heap used %6d MB%n", step,
                (System.nanoTime() - start) / 1e9, kb(status, "VmRSS") / 1024, kb(status, "VmHWM") / 1024,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    private static long kb(String status, String key) {
        return status.lines().filter(l -> l.startsWith(key + ":")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst().orElse(-1);
    }
}
