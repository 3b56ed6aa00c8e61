import dev.mlship.config.DataSpec;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.ColumnType;
import dev.mlship.data.CsvOptions;
import dev.mlship.data.DataReader;
import dev.mlship.data.KFold;
import dev.mlship.data.Split;
import dev.mlship.data.Splitter;
import dev.mlship.data.Table;
import dev.mlship.evaluate.ClassOrder;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Prints, for every row of a CSV, the cross-validation fold `mlship run` puts it in, so that bench/defaults.py
 * scores scikit-learn on exactly mlship's folds. The same calls as a run's data and train stages: rows without
 * a label are left out, the seeded (for classification stratified) train/test split, then the seeded k folds of
 * the training rows. One line per row of the file: the fold (0..k-1), "test" for a held-out row, "unlabelled"
 * for a row the run drops.
 * Usage: java -cp OUT:APP_JAR:LIBS DefaultsFolds CSV LABEL classification|regression TEST_FRACTION SEED FOLDS
 */
public class DefaultsFolds {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String label = args[1];
        boolean classification = args[2].equals("classification");
        double testFraction = Double.parseDouble(args[3]);
        long seed = Long.parseLong(args[4]);
        int k = Integer.parseInt(args[5]);
        // The same missing markers and label typing as a run with data.missing left at its default.
        Map<String, ColumnType> types = classification ? Map.of(label, ColumnType.CATEGORICAL) : Map.of();
        CsvOptions options = new CsvOptions(null, new LinkedHashSet<>(DataSpec.DEFAULT_MISSING), types);
        Table table = DataReader.read(file, options).table();
        Column column = table.column(label);
        int[] labelled = IntStream.range(0, table.rows()).filter(i -> !column.isMissing(i)).toArray();
        Column kept = table.select(labelled).column(label);
        int[] strata = null;
        if (classification) {
            CategoricalColumn classes = (CategoricalColumn) kept;
            strata = ClassOrder.target(classes, ClassOrder.of(classes, null)).codes();
        }
        Split split = Splitter.split(labelled.length, strata, testFraction, seed);
        int[] trainStrata = null;
        if (strata != null) {
            trainStrata = new int[split.train().length];
            for (int i = 0; i < trainStrata.length; i++) {
                trainStrata[i] = strata[split.train()[i]];
            }
        }
        String[] fold = new String[table.rows()];
        java.util.Arrays.fill(fold, "unlabelled");
        for (int row : split.test()) {
            fold[labelled[row]] = "test";
        }
        List<Split> folds = KFold.of(split.train().length, trainStrata, k, seed);
        for (int f = 0; f < folds.size(); f++) {
            for (int trainIndex : folds.get(f).test()) {
                fold[labelled[split.train()[trainIndex]]] = Integer.toString(f);
            }
        }
        StringBuilder out = new StringBuilder(table.rows() * 3);
        for (String f : fold) {
            out.append(f).append('\n');
        }
        System.out.print(out);
    }
}
