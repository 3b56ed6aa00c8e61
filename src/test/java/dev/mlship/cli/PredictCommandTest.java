package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.ColumnType;
import dev.mlship.data.CsvOptions;
import dev.mlship.data.CsvReader;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.evaluate.ClassOrder;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.onnx.Agreement;
import dev.mlship.onnx.OnnxExporter;
import dev.mlship.onnx.Parity;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Params;
import dev.mlship.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship predict` scores raw CSV rows with ONNX Runtime alone and agrees with Smile on the same rows. */
class PredictCommandTest {
    private static final Set<String> MISSING = Set.of("", "NA");
    private static final List<String> FEATURES = List.of("age", "purpose", "income");

    @TempDir
    Path dir;

    /** Rows with missing values; "boat" appears only when {@code unseen}. */
    private static String csv(int rows, long seed, boolean unseen, boolean extraColumn) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] purposes = unseen ? new String[] {"car", "home", "study", "boat"} : new String[] {"car", "home", "study"};
        StringBuilder sb = new StringBuilder(extraColumn ? "note,income,purpose,age,risk\n" : "age,purpose,income,risk\n");
        for (int i = 0; i < rows; i++) {
            String age = r.nextInt(10) == 0 ? "NA" : String.valueOf(20 + r.nextInt(50));
            String purpose = r.nextInt(12) == 0 ? "" : purposes[r.nextInt(purposes.length)];
            String income = r.nextInt(15) == 0 ? "" : String.valueOf(Math.round(r.nextGaussian() * 1000 + 3000));
            double score = (age.equals("NA") ? 40 : Integer.parseInt(age)) / 10.0 + ("car".equals(purpose) ? 2 : 0) + r.nextGaussian();
            String risk = score > 6 ? "bad" : "good";
            sb.append(extraColumn ? "\"x, y\"," + income + "," + purpose + "," + age : age + "," + purpose + "," + income)
                    .append(',').append(risk).append('\n');
        }
        return sb.toString();
    }

    private Table read(Path file) {
        return CsvReader.read(file, new CsvOptions(null, MISSING, Map.of("purpose", ColumnType.CATEGORICAL,
                "risk", ColumnType.CATEGORICAL, "age", ColumnType.NUMERIC, "income", ColumnType.NUMERIC))).table();
    }

    private record Trained(Path model, FittedPreprocessor prep, FittedModel fitted, List<String> classes) {}

    private Trained train(Task task) throws Exception {
        Path trainCsv = Files.writeString(dir.resolve("train.csv"), csv(300, 1, false, false));
        Table train = read(trainCsv);
        FittedPreprocessor prep = Preprocessor.fit(train, FEATURES, PrepareSpec.DEFAULT);
        Target y;
        List<String> classes = null;
        AlgorithmName algorithm;
        if (task == Task.CLASSIFICATION) {
            CategoricalColumn risk = (CategoricalColumn) train.column("risk");
            classes = ClassOrder.of(risk, "bad");
            y = ClassOrder.target(risk, classes);
            algorithm = AlgorithmName.GRADIENT_BOOSTING;
        } else {
            y = new Target.Values(((NumericColumn) train.column("income")).values().clone());
            for (int i = 0; i < ((Target.Values) y).values().length; i++) {
                double[] v = ((Target.Values) y).values();
                v[i] = Double.isNaN(v[i]) ? 0 : v[i];
            }
            prep = Preprocessor.fit(train, List.of("age", "purpose"), PrepareSpec.DEFAULT);
            algorithm = AlgorithmName.RANDOM_FOREST;
        }
        Params p = new Params(AlgorithmParams.resolve(algorithm, task, Map.of())).with(Map.of("trees", 20));
        FittedModel fitted = Trainer.fit(algorithm, prep.transform(train), y, p, 3);
        Map<String, String> meta = classes == null ? Map.of("mlship.missing", "[\"\",\"NA\"]")
                : Map.of("mlship.missing", "[\"\",\"NA\"]", "mlship.classes", "[\"good\",\"bad\"]");
        Path model = Files.write(dir.resolve("model.onnx"), OnnxExporter.export("t", prep, fitted.smile(), classes, MISSING, meta));
        return new Trained(model, prep, fitted, classes);
    }

    @Test
    void classifierPredictionsEqualSmileOnTheSameRows() throws Exception {
        Trained t = train(Task.CLASSIFICATION);
        Path rows = Files.writeString(dir.resolve("rows.csv"), csv(200, 2, true, true));
        Path out = dir.resolve("predictions.csv");

        Cli r = Cli.run("predict", "--model", t.model().toString(), "--data", rows.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        Predictions.Classes smile = (Predictions.Classes) t.fitted().predict(t.prep().transform(read(rows)));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("label,probability_good,probability_bad");
        assertThat(lines).hasSize(201);
        for (int i = 0; i < 200; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertThat(cells[0]).isEqualTo(t.classes().get(smile.labels()[i]));
            assertThat(Double.parseDouble(cells[1])).isCloseTo(smile.probabilities()[i][0], within(1e-6));
            assertThat(Double.parseDouble(cells[2])).isCloseTo(smile.probabilities()[i][1], within(1e-6));
        }
    }

    @Test
    void regressionPredictionsGoToStandardOutput() throws Exception {
        Trained t = train(Task.REGRESSION);
        Path rows = Files.writeString(dir.resolve("rows.csv"), csv(50, 5, true, false));
        Cli r = Cli.run("predict", "--model", t.model().toString(), "--data", rows.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] smile = ((Predictions.Values) t.fitted().predict(t.prep().transform(read(rows)))).values();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("prediction");
        for (int i = 0; i < smile.length; i++) {
            Agreement.assertClose(Double.parseDouble(lines.get(i + 1)), smile[i], Parity.TOLERANCE, "row " + i);
        }
    }

    @Test
    void badInputIsOneLineWithTheDocumentedExitCode() throws Exception {
        Trained t = train(Task.CLASSIFICATION);
        String model = t.model().toString();
        Path rows = Files.writeString(dir.resolve("rows.csv"), csv(5, 2, false, false));
        Path text = Files.writeString(dir.resolve("not.onnx"), "hello");

        assertError(Cli.run("predict", "--model", dir.resolve("absent.onnx").toString(), "--data", rows.toString()), 2,
                "no such file");
        assertError(Cli.run("predict", "--model", text.toString(), "--data", rows.toString()), 2, "not an ONNX model");
        Path noAge = Files.writeString(dir.resolve("noage.csv"), "purpose,income\ncar,100\n");
        assertError(Cli.run("predict", "--model", model, "--data", noAge.toString()), 3, "no column 'age'");
        Path wordAge = Files.writeString(dir.resolve("word.csv"), "age,purpose,income\nold,car,100\n");
        Cli word = Cli.run("predict", "--model", model, "--data", wordAge.toString());
        assertError(word, 3, "line 2: column 'age' is a numeric input of the model (it was trained on numbers), "
                + "but has the value 'old'; fix the value, or write it as missing: the model reads '', 'NA' as missing");
        // predict has no config: nothing may point at data.types or data.missing
        assertThat(word.err()).doesNotContain("data.types", "data.missing");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertError(Cli.run("predict", "--model", model, "--data", empty.toString()), 3, "empty");
        Path nowhere = dir.resolve("no-such-folder/p.csv");
        assertError(Cli.run("predict", "--model", model, "--data", rows.toString(), "--out", nowhere.toString()), 2,
                "does not exist");
        assertThat(nowhere).doesNotExist();
    }

    private static void assertError(Cli r, int code, String mentions) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains(mentions);
    }
}
