package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parquet files written by DuckDB (src/test/resources/parquet/make_fixtures.py) read as their CSV originals do. */
class ParquetReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/parquet");
    private static final CsvOptions DEFAULTS = CsvOptions.withMissing(Set.of("", "NA", "NaN", "null"));

    @TempDir
    Path dir;

    private static Dataset read(Path path) {
        return DataReader.read(path, DEFAULTS);
    }

    private static Dataset read(String fixture) {
        return read(FIXTURES.resolve(fixture));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @CsvSource({
        "credit.parquet, examples/credit-risk/data/credit.csv, snappy",
        "penguins.parquet, examples/penguins/data/penguins.csv, zstd",
        "cpu.parquet, examples/cpu-performance/data/cpu.csv, gzip",
        "cpu-uncompressed.parquet, examples/cpu-performance/data/cpu.csv, uncompressed"})
    void anExampleReadsAsItsCsvDoes(String parquet, String csv, String codec) {
        Dataset fromParquet = read(parquet);
        Dataset fromCsv = read(Path.of(csv));
        assertSameTable(fromParquet.table(), fromCsv.table());
        SchemaReport a = SchemaReport.of(fromParquet, null, null);
        SchemaReport b = SchemaReport.of(fromCsv, null, null);
        assertThat(a.columns()).isEqualTo(b.columns());
        assertThat(a.delimiter()).isNull();
        assertThat(fromParquet.sha256()).isEqualTo(sha256(FIXTURES.resolve(parquet)));
    }

    @Test
    void partsInAFolderOrAGlobReadAsTheWholeFileInNameOrder() throws IOException {
        Dataset whole = read("credit.parquet");
        Path folder = FIXTURES.resolve("credit-parts");
        for (Path path : List.of(folder, FIXTURES.resolve("credit-parts/part-*.parquet"))) {
            Dataset parts = read(path);
            assertSameTable(parts.table(), whole.table());
            assertThat(parts.sha256()).as("fingerprint of %s", path).isEqualTo(sha256(
                    folder.resolve("part-0.parquet"), folder.resolve("part-1.parquet"), folder.resolve("part-2.parquet")));
            assertThat(parts.bytes()).isEqualTo(Files.size(folder.resolve("part-0.parquet"))
                    + Files.size(folder.resolve("part-1.parquet")) + Files.size(folder.resolve("part-2.parquet")));
        }
    }

    @Test
    void typesComeFromTheParquetSchema() {
        Table t = read("types.parquet").table();
        assertThat(numbers(t, "i8")).containsExactly(1, Double.NaN, 3, 4);
        assertThat(numbers(t, "i16")).containsExactly(10, -20, 30, 40);
        assertThat(numbers(t, "i64")).containsExactly(1000, -2000, Double.NaN, 4000);
        assertThat(numbers(t, "u8")).containsExactly(7, 255, 0, 1);
        assertThat(numbers(t, "f32")).containsExactly(1.5, Double.NaN, 3.25, -4.0);
        assertThat(numbers(t, "f64")).containsExactly(2.25, -0.5, Double.NaN, 4e10);
        // Decimals come out as the nearest double to their decimal text, as the CSV reader parses it.
        assertThat(numbers(t, "dec_small")).containsExactly(12.34, -0.01, Double.NaN, 99.99);
        assertThat(numbers(t, "dec_long")).containsExactly(123456789.123, Double.NaN, 0.001, -1.5);
        assertThat(numbers(t, "dec_wide")).containsExactly(1.5, -2.25, Double.NaN, 1e-10);
        CategoricalColumn color = (CategoricalColumn) t.column("color");
        assertThat(color.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(color.levels()).containsExactly("red", "blue");
        assertThat(color.codes()).containsExactly(0, -1, 1, 0);
        CategoricalColumn grade = (CategoricalColumn) t.column("grade");
        assertThat(grade.levels()).containsExactly("a", "b");
        assertThat(grade.codes()).containsExactly(0, 1, -1, 0);
        CategoricalColumn flag = (CategoricalColumn) t.column("flag");
        assertThat(flag.type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(flag.levels()).containsExactly("true", "false");
        assertThat(flag.codes()).containsExactly(0, 1, -1, 0);
    }

    @Test
    void configuredTypesOverrideTheSchema() {
        CsvOptions options = new CsvOptions(null, Set.of("", "NA", "red"),
                Map.of("i16", ColumnType.CATEGORICAL, "u8", ColumnType.NUMERIC, "grade", ColumnType.BOOLEAN));
        Table t = DataReader.read(FIXTURES.resolve("types.parquet"), options).table();
        CategoricalColumn i16 = (CategoricalColumn) t.column("i16");
        assertThat(i16.levels()).containsExactly("10", "-20", "30", "40");
        assertThat(t.column("grade").type()).isEqualTo(ColumnType.BOOLEAN);
        // "red" is a missing marker here, as it would be in a CSV file.
        CategoricalColumn color = (CategoricalColumn) t.column("color");
        assertThat(color.levels()).containsExactly("blue");
        assertThat(color.codes()).containsExactly(-1, -1, 0, -1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not-parquet.parquet|not-parquet.parquet: is not a readable Parquet file ([not-parquet.parquet] File too small to be a valid Parquet file); check that it is complete and was written as Parquet",
        "truncated.parquet|truncated.parquet: is not a readable Parquet file ([truncated.parquet] Not a Parquet file (invalid magic number at end)); check that it is complete and was written as Parquet",
        "nested.parquet|nested.parquet: column 'nested' is a struct; mlship reads flat columns: flatten it into columns of numbers or text (for example SELECT nested.field AS nested_field) or drop it from the file",
        "list.parquet|list.parquet: column 'list' is a list; mlship reads flat columns: flatten it into columns of numbers or text (for example SELECT list.field AS list_field) or drop it from the file",
        "date.parquet|date.parquet: column 'signup' holds dates, which a model cannot use as they are; convert it to a number that means something for the model (for example days since an event, or the hour) or to text, or drop the column from the file",
        "timestamp.parquet|timestamp.parquet: column 'seen' holds timestamps, which a model cannot use as they are; convert it to a number that means something for the model (for example days since an event, or the hour) or to text, or drop the column from the file",
        "mismatch|part-1.parquet: has no column 'y', which part-0.parquet has; every part needs the same columns: write the parts with one schema"})
    void badInputIsOneLineNamingTheFile(String fixture, String message) {
        assertThatThrownBy(() -> read(fixture))
                .isInstanceOf(DataException.class)
                .satisfies(e -> assertThat(e.getMessage()).endsWith(message).doesNotContain("\n"));
    }

    @Test
    void aTextColumnSetToNumericMustHoldNumbers() {
        CsvOptions options = new CsvOptions(null, Set.of(), Map.of("color", ColumnType.NUMERIC));
        assertThatThrownBy(() -> DataReader.read(FIXTURES.resolve("types.parquet"), options))
                .isInstanceOf(DataException.class)
                .hasMessage("column 'color' is set to numeric in data.types, but has the value 'red'; fix the value,"
                        + " add it to data.missing, or drop the column from data.types");
    }

    @Test
    void aFolderOrGlobThatMatchesNothingOrMixesFormatsIsRefused() throws IOException {
        assertThatThrownBy(() -> read(dir.resolve("*.parquet")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("*.parquet") + ": matches no .parquet or .csv file; check data.path (relative"
                        + " paths start at the folder of mlship.yaml)");
        Files.copy(FIXTURES.resolve("cpu.parquet"), dir.resolve("a.parquet"));
        Files.writeString(dir.resolve("b.csv"), "x\n1\n");
        assertThatThrownBy(() -> read(dir))
                .isInstanceOf(DataException.class)
                .hasMessage(dir + ": mixes parquet and csv files (a.parquet, b.csv); keep one format per data.path");
    }

    @Test
    void csvPartsReadAsOneFileAndATextColumnStaysTextInEveryPart() throws IOException {
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve("part-0.csv"), "id,city,n\n01,Oslo,1\n02,Bergen,2\n");
        Files.writeString(dir.resolve("part-1.csv"), "id,city,n\nx7,Oslo,3\n");
        Files.writeString(dir.resolve("whole.txt"), "id,city,n\n01,Oslo,1\n02,Bergen,2\nx7,Oslo,3\n");
        Dataset parts = read(dir.resolve("part-*.csv"));
        Dataset whole = read(dir.resolve("whole.txt"));
        assertSameTable(parts.table(), whole.table());
        assertThat(((CategoricalColumn) parts.table().column("id")).levels()).containsExactly("01", "02", "x7");
        assertThat(parts.sha256()).isEqualTo(sha256(dir.resolve("part-0.csv"), dir.resolve("part-1.csv")));
        assertThat(parts.delimiter()).isEqualTo(',');
        Files.writeString(dir.resolve("part-2.csv"), "id,n\n9,4\n");
        assertThatThrownBy(() -> read(dir.resolve("part-*.csv")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("part-2.csv") + " line 1: the header [id, n] differs from part-0.csv's [id, city, n];"
                        + " every part needs the same columns in the same order");
    }

    @Test
    void aSingleCsvFileKeepsItsFingerprint() throws IOException {
        Path csv = Path.of("examples/penguins/data/penguins.csv");
        assertThat(read(csv).sha256()).isEqualTo(sha256(csv));
        assertThat(DataFiles.of(csv).sha256()).isEqualTo(sha256(csv));
    }

    private static double[] numbers(Table t, String name) {
        return ((NumericColumn) t.column(name)).values();
    }

    /** Equal column by column: names, types, numbers (bit for bit: the same values, parsed or stored), levels and codes. */
    static void assertSameTable(Table actual, Table expected) {
        assertThat(actual.names()).isEqualTo(expected.names());
        assertThat(actual.rows()).isEqualTo(expected.rows());
        for (Column e : expected.columns()) {
            Column a = actual.column(e.name());
            assertThat(a.type()).as(e.name()).isEqualTo(e.type());
            if (e instanceof NumericColumn n) {
                assertThat(((NumericColumn) a).values()).as(e.name()).containsExactly(n.values());
            } else {
                CategoricalColumn c = (CategoricalColumn) e;
                assertThat(((CategoricalColumn) a).levels()).as(e.name()).isEqualTo(c.levels());
                assertThat(((CategoricalColumn) a).codes()).as(e.name()).containsExactly(c.codes());
            }
        }
    }

    private static String sha256(Path... files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                d.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
