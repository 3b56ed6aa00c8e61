package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on several threads gives what it gives on one: values, types, level order, SHA-256 and errors.
 * Files here are a few hundred KB, cut into ranges of 16 KB and read 4 KB at a time, so every range's
 * records cross buffers and the ranges hold what makes joining them hard.
 */
class RangedCsvReadTest {
    private static final CsvOptions DEFAULTS = CsvOptions.withMissing(Set.of("", "NA", "NaN", "null"));
    private static final int CHUNK = 4096;
    private static final long RANGE = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void mixedFileReadInRangesEqualsTheOneThreadRead() throws IOException {
        Path file = write("mixed.csv", mixed(6_000, new Random(7), "\n"));
        for (int threads = 2; threads <= 7; threads++) {
            assertRangedReadEqualsSequential(file, DEFAULTS, threads);
        }
    }

    @Test
    void windowsLineEndsBlankLinesAndByteOrderMarkReadInRangesToo() throws IOException {
        String csv = "\uFEFF" + mixed(4_000, new Random(11), "\r\n").replace("\r\n5", "\r\n\r\n\r\n5");
        Path file = write("crlf.csv", csv);
        assertRangedReadEqualsSequential(file, DEFAULTS, 4);
    }

    @Test
    void columnThatTurnsToTextInALaterRangeKeepsTheTextOfEarlierRanges() throws IOException {
        StringBuilder csv = new StringBuilder("id;code;flag\n");
        int rows = 8_000;
        for (int i = 0; i < rows; i++) {
            String code = i == rows - 3 ? "late" : String.format("%05d", i % 60); // "00007" must not become 7
            csv.append(i).append(';').append(code).append(';').append(i % 3 == 0 ? "YES" : "no").append('\n');
        }
        Path file = write("late.csv", csv.toString());
        Dataset ranged = assertRangedReadEqualsSequential(file, DEFAULTS, 4);
        CategoricalColumn code = (CategoricalColumn) ranged.table().column("code");
        assertThat(code.levels()).startsWith("00000", "00001").endsWith("late").hasSize(61);
        assertThat(code.value(7)).isEqualTo("00007");
        assertThat(ranged.table().column("flag").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(ranged.delimiter()).isEqualTo(';');
    }

    @Test
    void forcedTypesHoldAcrossRanges() throws IOException {
        Path file = write("forced.csv", mixed(5_000, new Random(3), "\n"));
        CsvOptions forced = new CsvOptions(null, Set.of("", "NA"), Map.of("count", ColumnType.CATEGORICAL,
                "city", ColumnType.CATEGORICAL));
        Dataset ranged = assertRangedReadEqualsSequential(file, forced, 3);
        assertThat(ranged.table().column("count").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void aCutInsideAQuotedFieldIsDetectedAndTheFileIsReadOnOneThread() throws IOException {
        // Each record is one quoted field of 300 lines that look like records (the last one too, as a field
        // that merely ends in a quote), so guessed cuts land inside and a range started there parses cleanly:
        // only the previous range's end tells.
        StringBuilder csv = new StringBuilder("id,text\n");
        Set<Long> recordStarts = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            recordStarts.add((long) csv.length());
            csv.append(i).append(",\"");
            for (int line = 0; line < 300; line++) {
                csv.append("7,").append(line).append(line < 299 ? "\n" : "\"\n");
            }
        }
        Path file = write("quoted.csv", csv.toString());
        RangedCsvRead ranged = rangedRead(file, DEFAULTS, 4);
        long[] starts = ranged.cuts(readerFor(file, DEFAULTS).readHeader());
        assertThat(starts).hasSize(4);
        assertThat(Arrays.stream(starts).skip(1).filter(recordStarts::contains)).as("cuts inside quotes").isEmpty();
        assertThat(ranged.read()).as("a cut inside quotes is caught").isEmpty();
        Dataset read = CsvReader.read(file, DEFAULTS, CHUNK, 4, RANGE);
        assertThat(read.table().rows()).isEqualTo(120);
        assertThat(((CategoricalColumn) read.table().column("text")).value(119)).startsWith("7,0\n7,1\n").endsWith("\n7,299");
    }

    @Test
    void errorsInALaterRangeKeepTheirLineNumbers() throws IOException {
        String good = mixed(5_000, new Random(5), "\n");
        int cut = good.length() * 3 / 4;
        while (good.charAt(cut - 1) != '\n' || !Character.isDigit(good.charAt(cut))) {
            cut++; // a record boundary, not a line break inside a quoted note
        }
        int line = (int) good.substring(0, cut).chars().filter(ch -> ch == '\n').count() + 1;
        Path ragged = write("ragged.csv", good.substring(0, cut) + "1,2\n" + good.substring(cut));
        assertThatThrownBy(() -> CsvReader.read(ragged, DEFAULTS, CHUNK, 4, RANGE))
                .isInstanceOf(DataException.class)
                .hasMessage(ragged + " line " + line + ": 2 fields, but the header has 6 columns; check the delimiter"
                        + " (detected ',') and quoting");
        CsvOptions numeric = new CsvOptions(null, Set.of("", "NA"), Map.of("score", ColumnType.NUMERIC));
        Path text = write("text.csv", good.substring(0, cut) + "9,x,y,z,w,1\n" + good.substring(cut));
        assertThatThrownBy(() -> CsvReader.read(text, numeric, CHUNK, 4, RANGE))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(text + " line " + line + ": column 'score' is set to numeric in data.types,"
                        + " but has the value 'x'");
    }

    @Test
    void aThirdValueOfABooleanColumnInAnotherRangeIsReportedWithItsLine() throws IOException {
        StringBuilder csv = new StringBuilder("x,ok\n");
        for (int i = 0; i < 9_000; i++) {
            csv.append(i).append(',').append(i == 8_000 ? "maybe" : i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path file = write("bool.csv", csv.toString());
        CsvOptions bool = new CsvOptions(null, Set.of(""), Map.of("ok", ColumnType.BOOLEAN));
        assertThatThrownBy(() -> CsvReader.read(file, bool, CHUNK, 4, RANGE))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + " line 8002: column 'ok' is set to boolean in data.types, but has a"
                        + " third value 'maybe' besides 'yes', 'no'");
    }

    @Test
    void cutsFallJustAfterALineBreakThatStartsARecord() throws IOException {
        Path file = write("cuts.csv", mixed(6_000, new Random(9), "\n").replace("\n7", "\n\n\n7"));
        CsvReader whole = readerFor(file, DEFAULTS);
        long headerEnd = whole.readHeader().end();
        long[] starts = new RangedCsvRead(whole, Files.size(file), 5, RANGE).cuts(whole.readHeader());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(starts).hasSize(5).startsWith(headerEnd).isSorted();
        for (int i = 1; i < starts.length; i++) {
            int at = (int) starts[i];
            assertThat(bytes[at - 1]).isEqualTo((byte) '\n');
            assertThat(bytes[at]).isNotIn((byte) '\n', (byte) '\r');
        }
    }

    @Test
    void smallFilesAndOneThreadAreNotCut() throws IOException {
        Path file = write("small.csv", mixed(200, new Random(1), "\n"));
        CsvReader whole = readerFor(file, DEFAULTS);
        assertThat(new RangedCsvRead(whole, Files.size(file), 4, 1 << 20).cuts(whole.readHeader())).hasSize(1);
        assertThat(new RangedCsvRead(whole, Files.size(file), 1, 1024).cuts(whole.readHeader())).hasSize(1);
    }

    /** Reads the file both ways; asserts the ranged path was taken (not its fallback) and gave the same dataset. */
    private Dataset assertRangedReadEqualsSequential(Path file, CsvOptions options, int threads) {
        Dataset sequential = CsvReader.read(file, options, CHUNK);
        Optional<Dataset> ranged = rangedRead(file, options, threads).read();
        assertThat(ranged).as("read in ranges, without falling back").isPresent();
        assertSame(ranged.get(), sequential);
        assertSame(CsvReader.read(file, options, CHUNK, threads, RANGE), sequential);
        return ranged.get();
    }

    private RangedCsvRead rangedRead(Path file, CsvOptions options, int threads) {
        try {
            return new RangedCsvRead(readerFor(file, options), Files.size(file), threads, RANGE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static CsvReader readerFor(Path file, CsvOptions options) {
        return CsvReader.forFile(file, options, CHUNK);
    }

    private static void assertSame(Dataset actual, Dataset expected) {
        assertThat(actual.sha256()).isEqualTo(expected.sha256());
        assertThat(actual.bytes()).isEqualTo(expected.bytes());
        assertThat(actual.delimiter()).isEqualTo(expected.delimiter());
        assertThat(actual.table().rows()).isEqualTo(expected.table().rows());
        assertThat(actual.table().names()).isEqualTo(expected.table().names());
        for (Column column : expected.table().columns()) {
            Column other = actual.table().column(column.name());
            assertThat(other.type()).as(column.name()).isEqualTo(column.type());
            if (column instanceof NumericColumn numeric) {
                // The same parser on the same bytes: equal to the bit.
                assertThat(((NumericColumn) other).values()).as(column.name()).isEqualTo(numeric.values());
            } else {
                CategoricalColumn text = (CategoricalColumn) column;
                CategoricalColumn got = (CategoricalColumn) other;
                assertThat(got.levels()).as(column.name()).isEqualTo(text.levels());
                assertThat(got.codes()).as(column.name()).isEqualTo(text.codes());
            }
        }
    }

    /**
     * Rows with numbers, missing markers, a city column whose levels first appear in later ranges, quoted
     * fields holding delimiters, doubled quotes and line breaks, a column numeric until one text value.
     */
    private static String mixed(int rows, Random random, String newline) {
        StringBuilder csv = new StringBuilder("id,score,city,note,count,flag" + newline);
        for (int i = 0; i < rows; i++) {
            String score = random.nextInt(20) == 0 ? "NA" : String.valueOf(random.nextGaussian() * 1e3);
            String city = "c" + random.nextInt(Math.max(1, i / 50 + 1)); // new levels keep appearing
            String note = switch (random.nextInt(6)) {
                case 0 -> "\"a, b\"";
                case 1 -> "\"say \"\"hi\"\" " + i + "\"";
                case 2 -> "\"two" + newline + "lines\"";
                case 3 -> "";
                default -> "n" + random.nextInt(9);
            };
            String count = i == rows / 2 ? "many" : String.valueOf(random.nextInt(100));
            String flag = random.nextBoolean() ? "true" : "False";
            csv.append(i).append(',').append(score).append(',').append(city).append(',').append(note).append(',')
                    .append(count).append(',').append(flag).append(newline);
        }
        return csv.toString();
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
