import dev.mlship.data.CsvOptions;
import dev.mlship.data.CsvReader;
import dev.mlship.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * mlship's CSV reader alone, as `mlship run` calls it (type inference, missing markers, SHA-256 of the bytes),
 * timed from the first call in a fresh JVM, so the figure includes the JIT warming up as pandas' includes its
 * import-free first call. Run by bench/ingest.sh with the application's classpath.
 * Usage: javac -cp APP_JAR:LIBS -d OUT bench/CsvIngest.java; java -cp OUT:APP_JAR:LIBS CsvIngest CSV [REPEATS]
 */
public class CsvIngest {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        CsvOptions options = CsvOptions.withMissing(Set.of("", "NA", "NaN", "null"));
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Dataset d = CsvReader.read(file, options);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"read_s\": %.3f, \"read_mb_s\": %.1f, \"rows\": %d, \"columns\": %d}%n", s,
                    d.bytes() / 1e6 / s, d.table().rows(), d.table().columns().size());
        }
    }
}
