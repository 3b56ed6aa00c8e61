import dev.mlship.data.CsvOptions;
import dev.mlship.data.DataReader;
import dev.mlship.data.Dataset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * mlship's data reader alone, as `mlship run` calls it (types, missing values, SHA-256 fingerprint), on a CSV
 * or Parquet file, timed from the first call in a fresh JVM. Run by bench/parquet-ingest.sh with the
 * application's classpath. Usage: java -cp OUT:APP_JAR:LIBS DataIngest FILE [REPEATS]
 */
public class DataIngest {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        CsvOptions options = CsvOptions.withMissing(Set.of("", "NA", "NaN", "null"));
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Dataset d = DataReader.read(file, options);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"read_s\": %.3f, \"rows\": %d, \"columns\": %d}%n", s, d.table().rows(),
                    d.table().columns().size());
        }
    }
}
