package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    private static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "NaN", "null");
    private static final CsvOptions DEFAULTS = CsvOptions.withMissing(DEFAULT_MISSING);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Table read(String content) throws IOException {
        return CsvReader.read(write("data.csv", content), DEFAULTS).table();
    }

    private static List<String> values(Table table, String column) {
        CategoricalColumn c = (CategoricalColumn) table.column(column);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.value(i));
        }
        return out;
    }

    private static double[] numbers(Table table, String column) {
        return ((NumericColumn) table.column(column)).values();
    }

    // --- quoting and layout

    @Test
    void quotedFieldsKeepDelimitersDoubledQuotesAndLineBreaks() throws IOException {
        Table table = read("id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain\n");
        assertThat(table.rows()).isEqualTo(4);
        assertThat(values(table, "text")).containsExactly("a,b", "say \"hi\"", "two\nlines", "plain");
        assertThat(numbers(table, "id")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotes() throws IOException {
        Path file = write("q.csv", "a,b\n1,\"x\ny\nz\"\n2\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 5: 1 field, but the header has 2 columns; check the delimiter (detected ',') and quoting");
    }

    @Test
    void byteOrderMarkIsDroppedAndSemicolonDetected() throws IOException {
        byte[] body = "name;Größe\nAnna;1,5\nBen;2\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Dataset dataset = CsvReader.read(write("bom.csv", withBom), DEFAULTS);
        assertThat(dataset.delimiter()).isEqualTo(';');
        assertThat(dataset.table().names()).containsExactly("name", "Größe");
        // A decimal comma is not a number: the column is text, kept exactly.
        assertThat(values(dataset.table(), "Größe")).containsExactly("1,5", "2");
        assertThat(dataset.bytes()).isEqualTo(withBom.length);
    }

    @Test
    void tabIsDetected() throws IOException {
        Dataset dataset = CsvReader.read(write("t.tsv", "a\tb\tc\n1\tx,y\t3\n"), DEFAULTS);
        assertThat(dataset.delimiter()).isEqualTo('\t');
        assertThat(values(dataset.table(), "b")).containsExactly("x,y");
    }

    @Test
    void delimiterIsTheMostFrequentOutsideQuotesOnTheHeaderLine() {
        byte[] header = "\"a,b,c\";d;e\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvHeader.detectDelimiter(header, 0, header.length)).isEqualTo((byte) ';');
        byte[] single = "only\n1\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvHeader.detectDelimiter(single, 0, single.length)).isEqualTo((byte) ',');
        byte[] tie = "a;b,c\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvHeader.detectDelimiter(tie, 0, tie.length)).isEqualTo((byte) ',');
    }

    @Test
    void setDelimiterOverridesDetection() throws IOException {
        Path file = write("s.csv", "a;b,c\n1;2,3\n");
        Dataset dataset = CsvReader.read(file, new CsvOptions(',', DEFAULT_MISSING, Map.of()));
        assertThat(dataset.delimiter()).isEqualTo(',');
        assertThat(dataset.table().names()).containsExactly("a;b", "c");
        assertThat(values(dataset.table(), "a;b")).containsExactly("1;2");
    }

    @Test
    void crlfLineEndsAreNotPartOfValues() throws IOException {
        Table table = read("a,b\r\n1,x\r\n2,\"y\r\nz\"\r\n3,w\r\n");
        assertThat(numbers(table, "a")).containsExactly(1, 2, 3);
        assertThat(values(table, "b")).containsExactly("x", "y\r\nz", "w");
    }

    @Test
    void lastLineMayLackALineBreakAndBlankLinesAreSkipped() throws IOException {
        assertThat(numbers(read("a,b\n1,2\n3,4"), "b")).containsExactly(2, 4);
        Table table = read("a,b\n1,2\n\n3,4\n\n  \n\r\n");
        assertThat(table.rows()).isEqualTo(2);
        assertThat(numbers(table, "a")).containsExactly(1, 3);
    }

    @Test
    void unicodeAndHtmlLikeColumnNamesAreKept() throws IOException {
        Table table = read("<b>x</b>,Größe,年龄,\"a \"\"q\"\" b\"\n1,2,3,4\n");
        assertThat(table.names()).containsExactly("<b>x</b>", "Größe", "年龄", "a \"q\" b");
        assertThat(numbers(table, "年龄")).containsExactly(3);
    }

    @Test
    void headerNamesAreTrimmedUnlessQuoted() throws IOException {
        Table table = read("a , b,\" c \"\n1,2,3\n");
        assertThat(table.names()).containsExactly("a", "b", " c ");
    }

    @Test
    void unicodeTextValuesAreDecoded() throws IOException {
        Table table = read("city,n\nZürich,1\n東京,2\nZürich,3\n");
        CategoricalColumn city = (CategoricalColumn) table.column("city");
        assertThat(city.levels()).containsExactly("Zürich", "東京");
        assertThat(city.codes()).containsExactly(0, 1, 0);
    }

    // --- missing values and types

    @Test
    void defaultMarkersAreMissing() throws IOException {
        Table table = read("x,c\n1,a\nNA,NA\n,null\nNaN,b\n 2 ,\n");
        assertThat(numbers(table, "x")).containsExactly(1, Double.NaN, Double.NaN, Double.NaN, 2);
        assertThat(values(table, "c")).containsExactly("a", null, null, "b", null);
        assertThat(table.column("c").missingCount()).isEqualTo(3);
    }

    @Test
    void customMarkersReplaceTheDefaults() throws IOException {
        Path file = write("m.csv", "x,y\n1,-999\n?,2\n3,NA\n");
        Table table = CsvReader.read(file, CsvOptions.withMissing(Set.of("?", "-999"))).table();
        assertThat(numbers(table, "x")).containsExactly(1, Double.NaN, 3);
        // "NA" is no marker now, so y is text; -999 is missing, 2 keeps its text.
        assertThat(table.column("y").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(values(table, "y")).containsExactly(null, "2", "NA");
    }

    @Test
    void numbersInEveryCommonForm() throws IOException {
        Table table = read("v\n42\n-7\n+3.5\n.25\n1e3\n-2.5E-2\n 8 \n\"9\"\n1.\ninf\n-Infinity\n12345678901234567890\n");
        assertThat(table.column("v").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(numbers(table, "v")).containsExactly(42, -7, 3.5, 0.25, 1000, -0.025, 8, 9, 1,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.2345678901234567e19);
    }

    @Test
    void booleanColumnsAreOneSpellingFamily() throws IOException {
        Table table = read("a,b,c,d\ntrue,yes,yes,TRUE\nFALSE,No,false,True\ntrue,,no,TRUE\n");
        assertThat(table.column("a").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(table.column("b").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(table.column("c").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(table.column("d").type()).isEqualTo(ColumnType.BOOLEAN);
        // Levels stay the raw spellings, so the served model sees the same strings as the file.
        assertThat(((CategoricalColumn) table.column("d")).levels()).containsExactly("TRUE", "True");
        assertThat(values(table, "b")).containsExactly("yes", "No", null);
    }

    @Test
    void textColumnsAreCategorical() throws IOException {
        Table table = read("color,n\nred,1\nblue,2\nred,3\n");
        CategoricalColumn color = (CategoricalColumn) table.column("color");
        assertThat(color.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(color.levels()).containsExactly("red", "blue");
        assertThat(color.codes()).containsExactly(0, 1, 0);
    }

    @Test
    void allMissingColumnIsNumeric() throws IOException {
        Table table = read("a,b\n1,NA\n2,\n");
        assertThat(table.column("b").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(numbers(table, "b")).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void numberLikeTextBeforeTheFirstWordKeepsItsExactText() throws IOException {
        Table table = read("code,n\n01,1\n02,2\nNA,3\n1.0,4\n1e3,5\n01,6\nx,7\n02,8\n");
        CategoricalColumn code = (CategoricalColumn) table.column("code");
        assertThat(code.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(code.levels()).containsExactly("01", "02", "1.0", "1e3", "x");
        assertThat(values(table, "code")).containsExactly("01", "02", null, "1.0", "1e3", "01", "x", "02");
        assertThat(numbers(table, "n")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void numberLikeTextIsExactAcrossManyBuffers() throws IOException {
        StringBuilder csv = new StringBuilder("id,code,note\n");
        int rows = 120_000;
        for (int i = 0; i < rows; i++) {
            String note = i % 1000 == 0 ? "\"multi\nline, " + i + "\"" : "n" + (i % 7);
            csv.append(i).append(',').append(String.format("%05d", i % 50)).append(',').append(note).append('\n');
        }
        csv.append(rows).append(",late,x\n");
        Path file = write("big.csv", csv.toString());
        int chunk = 4096;
        assertThat(Files.size(file)).isGreaterThan(100L * chunk);
        Table table = CsvReader.read(file, DEFAULTS, chunk).table();
        CategoricalColumn code = (CategoricalColumn) table.column("code");
        assertThat(code.levels()).hasSize(51).startsWith("00000", "00001").endsWith("00049", "late");
        for (int i = 0; i < rows; i += 997) {
            assertThat(code.value(i)).isEqualTo(String.format("%05d", i % 50));
        }
        assertThat(code.value(rows)).isEqualTo("late");
        assertThat(values(table, "note").get(5000)).isEqualTo("multi\nline, 5000");
        assertThat(numbers(table, "id")[rows]).isEqualTo(rows);
    }

    // --- forced types

    @Test
    void forcedCategoricalKeepsTheRawText() throws IOException {
        Path file = write("f.csv", "zip,n\n01,1\n1.0,2\n01,3\n");
        Table table = CsvReader.read(file, new CsvOptions(null, DEFAULT_MISSING,
                Map.of("zip", ColumnType.CATEGORICAL, "n", ColumnType.CATEGORICAL))).table();
        assertThat(((CategoricalColumn) table.column("zip")).levels()).containsExactly("01", "1.0");
        assertThat(table.column("n").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(values(table, "n")).containsExactly("1", "2", "3");
    }

    @Test
    void forcedNumericRejectsTextWithLineAndValue() throws IOException {
        Path file = write("f.csv", "a,b\n1,2\n3,4\n5,abc\n");
        CsvOptions options = new CsvOptions(null, DEFAULT_MISSING, Map.of("b", ColumnType.NUMERIC));
        assertThatThrownBy(() -> CsvReader.read(file, options))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("'b'")
                .hasMessageContaining("'abc'")
                .hasMessageContaining("data.types");
    }

    @Test
    void errorMessagesStayOnOneLineWhateverTheValue() throws IOException {
        Path file = write("nl.csv", "a,b\n1,2\n3,\"two\nlines\"\n");
        CsvOptions options = new CsvOptions(null, DEFAULT_MISSING, Map.of("b", ColumnType.NUMERIC));
        assertThatThrownBy(() -> CsvReader.read(file, options))
                .hasMessageContaining("line 3")
                .hasMessageContaining("'two\\nlines'")
                .hasMessageNotContaining("\n");
        Path names = write("names.csv", "\"x\ny\",\"x\ny\"\n1,2\n");
        assertThatThrownBy(() -> CsvReader.read(names, DEFAULTS))
                .hasMessageContaining("'x\\ny'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void forcedBooleanAcceptsTwoValuesAndRejectsAThird() throws IOException {
        Path file = write("b.csv", "flag\n1\n0\n1\n");
        CsvOptions options = new CsvOptions(null, DEFAULT_MISSING, Map.of("flag", ColumnType.BOOLEAN));
        Column flag = CsvReader.read(file, options).table().column("flag");
        assertThat(flag.type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(((CategoricalColumn) flag).levels()).containsExactly("1", "0");

        Path three = write("b3.csv", "flag\n1\n0\n\n2\n");
        assertThatThrownBy(() -> CsvReader.read(three, options))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 5")
                .hasMessageContaining("'2'");
    }

    @Test
    void forcedTypeForAColumnNotInTheFileIsLeftToTheCaller() throws IOException {
        Path file = write("u.csv", "a,b\n1,2\n");
        CsvOptions options = new CsvOptions(null, DEFAULT_MISSING, Map.of("c", ColumnType.CATEGORICAL));
        assertThat(CsvReader.read(file, options).table().names()).containsExactly("a", "b");
    }

    // --- fingerprint

    @Test
    void sha256IsTheDigestOfTheFileBytes() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 300_000; i++) {
            csv.append(i).append(',').append(i * 0.5).append('\n');
        }
        Path file = write("h.csv", csv.toString());
        byte[] bytes = Files.readAllBytes(file);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Dataset dataset = CsvReader.read(file, DEFAULTS);
        assertThat(dataset.sha256()).isEqualTo(expected);
        assertThat(dataset.bytes()).isEqualTo(bytes.length);
        assertThat(dataset.table().rows()).isEqualTo(300_000);
        assertThat(dataset.path()).isEqualTo(file);
    }

    // --- every record boundary at every buffer offset

    @Test
    void smallReadsGiveTheSameTable() throws IOException {
        String csv = "\uFEFFid;name;score\r\n1;\"a;b\";1.5\r\n2;\"say \"\"hi\"\"\";NA\r\n\r\n3;\"x\r\ny\";-2e1\r\n"
                + "4;plain;  7 \r\n5;\"\";8\r\n6;\"q\"  ;9";
        Path file = write("small.csv", csv);
        Dataset whole = CsvReader.read(file, DEFAULTS);
        for (int chunk = 1; chunk <= 16; chunk++) {
            Dataset pieces = CsvReader.read(file, DEFAULTS, chunk);
            assertThat(pieces.sha256()).as("chunk %d", chunk).isEqualTo(whole.sha256());
            assertThat(pieces.table().names()).as("chunk %d", chunk).containsExactly("id", "name", "score");
            assertThat(numbers(pieces.table(), "score")).as("chunk %d", chunk)
                    .containsExactly(1.5, Double.NaN, -20, 7, 8, 9);
            assertThat(values(pieces.table(), "name")).as("chunk %d", chunk)
                    .containsExactly("a;b", "say \"hi\"", "x\r\ny", "plain", null, "q");
        }
    }

    // --- errors

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": no such file; check data.path (relative paths start at the folder of mlship.yaml)");
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> CsvReader.read(dir, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(dir + ": is a directory, not a CSV file; point data.path at a CSV file");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.csv", "");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 1: the file is empty (0 bytes); it needs a header row and data rows");
    }

    @Test
    void binaryFile() throws IOException {
        byte[] bytes = "a,b\n1,2\n3\0,4\n".getBytes(StandardCharsets.UTF_8);
        Path file = write("bin.csv", bytes);
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 3: a NUL byte at offset 9, so this looks like a binary file, not a CSV;"
                        + " point data.path at a UTF-8 CSV file");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        Path file = write("latin1.csv", "gr\u00f6\u00dfe,b\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 1: the header is not valid UTF-8 text, so this looks like a binary file or another"
                        + " encoding; save it as UTF-8 CSV");
    }

    @Test
    void utf16File() throws IOException {
        Path file = write("u16.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 1: the file is UTF-16 text; save it as UTF-8 CSV");
    }

    @Test
    void headerOnly() throws IOException {
        Path file = write("h.csv", "a,b\n\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 1: the file has a header but no data rows; add rows below the header or point"
                        + " data.path at the full file");
    }

    @Test
    void raggedRowNamesLineCountsAndDelimiter() throws IOException {
        Path file = write("credit.csv", "a;b;c;d\n1;2;3;4\n1;2;3;4;5\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessageEndingWith("credit.csv line 3: 5 fields, but the header has 4 columns;"
                        + " check the delimiter (detected ';') and quoting");
        Path few = write("few.csv", "a,b,c\n1,2,3\n1,2\n");
        assertThatThrownBy(() -> CsvReader.read(few, DEFAULTS))
                .hasMessageContaining("line 3: 2 fields, but the header has 3 columns");
    }

    @Test
    void duplicateColumnNames() throws IOException {
        Path file = write("d.csv", "id,x,y,x\n1,2,3,4\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 1: columns 2 and 4 of the header are both named 'x'; give each column a unique name");
    }

    @Test
    void emptyColumnName() throws IOException {
        Path file = write("e.csv", "a,,c\n1,2,3\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " line 1: column 2 of 3 in the header has no name; give it a name or remove the extra"
                        + " delimiter");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItStarted() throws IOException {
        Path file = write("u.csv", "a,b\n1,x\n2,\"open\n3,y\n4,z\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("u.csv line 3")
                .hasMessageContaining("closing quote");
        for (int chunk = 1; chunk < 8; chunk++) {
            int size = chunk;
            assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS, size)).hasMessageContaining("line 3");
        }
    }

    @Test
    void textAfterAClosingQuote() throws IOException {
        Path file = write("t.csv", "a,b\n1,\"x\"y\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("field 2");
    }

    @Test
    void invalidUtf8InAValue() throws IOException {
        byte[] bytes = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("v.csv", bytes);
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'b'")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void errorsCarryTheDataExitCode() throws IOException {
        Path file = write("x.csv", "a\n");
        assertThatThrownBy(() -> CsvReader.read(file, DEFAULTS))
                .isInstanceOfSatisfying(DataException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(dev.mlship.ExitCode.DATA));
    }
}
