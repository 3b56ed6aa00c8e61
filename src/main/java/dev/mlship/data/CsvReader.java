package dev.mlship.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a UTF-8 CSV file with a header row into typed columns, hashing its bytes on the way.
 *
 * <p>Numbers are parsed from the bytes in place and text values are interned from the bytes, so a typical
 * field costs no allocation; see {@link ColumnBuilder} for how a column that turns out to be text keeps the
 * exact text of its early, number-looking values.
 */
public final class CsvReader {
    private final Path file;
    private final String where;
    private final CsvOptions options;
    private final MissingMarkers markers;
    private final NumberParser parser = new NumberParser();
    private final int chunk;
    private byte delimiter;
    private boolean delimiterDetected;
    private ColumnBuilder[] columns;
    private byte[] fieldBuffer;
    private int fieldFrom;
    private int fieldTo;
    private byte[] scratch = new byte[256];
    private List<String> names;
    private long start; // where this reader's records start: 0 for the whole file, with its header

    private CsvReader(Path file, CsvOptions options, int chunk) {
        this.file = file;
        this.chunk = chunk;
        this.where = file.toString();
        this.options = options;
        this.markers = new MissingMarkers(options.missingMarkers());
    }

    /**
     * Reads the whole file; every problem with it is a {@link DataException} with a one-line message. A large
     * file is parsed in byte ranges on all cores ({@link RangedCsvRead}), with the same result.
     */
    public static Dataset read(Path file, CsvOptions options) {
        return read(file, options, CsvTokenizer.CHUNK, Runtime.getRuntime().availableProcessors(),
                RangedCsvRead.MIN_RANGE_BYTES);
    }

    /** As {@link #read(Path, CsvOptions)} on one thread, reading {@code chunk} bytes at a time. */
    static Dataset read(Path file, CsvOptions options, int chunk) {
        return read(file, options, chunk, 1, Long.MAX_VALUE);
    }

    /** Up to {@code threads} ranges of at least {@code minRangeBytes} each; small values are for tests. */
    static Dataset read(Path file, CsvOptions options, int chunk, int threads, long minRangeBytes) {
        CsvReader whole = forFile(file, options, chunk);
        long size = whole.checkFile();
        if (threads > 1 && size >= 2 * minRangeBytes) {
            Optional<Dataset> ranged = new RangedCsvRead(whole, size, threads, minRangeBytes).read();
            if (ranged.isPresent()) {
                return ranged.get();
            }
        }
        return whole.read(size);
    }

    static CsvReader forFile(Path file, CsvOptions options, int chunk) {
        return new CsvReader(file, options, chunk);
    }

    Path file() {
        return file;
    }

    /** A reader of the records in one byte range of the file, for {@link RangedCsvRead}. */
    CsvReader forRange(Header header, long from) {
        CsvReader range = new CsvReader(file, options, chunk);
        range.delimiter = header.delimiter();
        range.delimiterDetected = header.delimiterDetected();
        range.start = from;
        range.names = header.names();
        return range;
    }

    private Dataset read(long size) {
        int rows;
        long bytes;
        String sha256;
        try (BackgroundSha256 hasher = new BackgroundSha256(); InputStream in = hasher.feed(Files.newInputStream(file))) {
            CsvTokenizer tokenizer = new CsvTokenizer(in, null, where, chunk);
            Character set = options.delimiter();
            delimiter = CsvHeader.start(tokenizer, set, where);
            delimiterDetected = set == null;
            names = CsvHeader.names(tokenizer, where);
            int headerLine = tokenizer.line();
            startColumns(estimateRows(tokenizer, size, names.size()));
            rows = readRows(tokenizer, Long.MAX_VALUE);
            bytes = tokenizer.bytesRead();
            sha256 = hasher.hex();
            if (rows == 0) {
                throw new DataException(where + " line " + headerLine + ": the file has a header but no data rows;"
                        + " add rows below the header or point data.path at the full file");
            }
        } catch (IOException e) {
            throw cannotRead(e);
        }
        if (bytes != size) {
            throw new DataException(where + ": the file changed while it was being read (" + size + " bytes, then "
                    + bytes + "); read it again once it is complete");
        }
        rereadLeadingText();
        List<Column> built = new ArrayList<>(columns.length);
        for (ColumnBuilder column : columns) {
            built.add(column.build());
        }
        return new Dataset(file, new Table(built, rows), sha256, bytes, (char) delimiter);
    }

    /** What the header line says, and the offset of the first byte after it. */
    record Header(byte delimiter, boolean delimiterDetected, List<String> names, long end) {
    }

    /** Reads the header line alone. */
    Header readHeader() {
        try (InputStream in = Files.newInputStream(file)) {
            CsvTokenizer tokenizer = new CsvTokenizer(in, null, where, chunk);
            Character set = options.delimiter();
            byte found = CsvHeader.start(tokenizer, set, where);
            List<String> header = CsvHeader.names(tokenizer, where);
            return new Header(found, set == null, header, tokenizer.consumed());
        } catch (IOException e) {
            throw cannotRead(e);
        }
    }

    /** The columns of one range, still to be joined with the other ranges'. */
    record Range(CsvReader reader, ColumnBuilder[] columns, int rows, long end) {
    }

    /**
     * Reads the records that start in the {@code length} bytes from this reader's start; the last one may run
     * past them. {@link Range#end()} is the offset where the last record read ends: the next range is
     * correct only if it starts exactly there.
     */
    Range readRange(long length) {
        try (FileChannel channel = FileChannel.open(file)) {
            CsvTokenizer tokenizer = new CsvTokenizer(Channels.newInputStream(channel.position(start)), null, where, chunk);
            tokenizer.delimiter(delimiter);
            startColumns(estimateRows(tokenizer, length, names.size()));
            int rows = readRows(tokenizer, length);
            return new Range(this, columns, rows, start + tokenizer.consumed());
        } catch (IOException e) {
            throw cannotRead(e);
        }
    }

    private void startColumns(int capacity) {
        columns = new ColumnBuilder[names.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new ColumnBuilder(names.get(c), options.types().get(names.get(c)), capacity);
        }
    }

    long checkFile() {
        if (!Files.exists(file)) {
            throw new DataException(where + ": no such file; check data.path (relative paths start at the folder"
                    + " of mlship.yaml)");
        }
        if (!Files.isRegularFile(file)) {
            String what = Files.isDirectory(file) ? "a directory" : "not a regular file";
            throw new DataException(where + ": is " + what + ", not a CSV file; point data.path at a CSV file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw cannotRead(e);
        }
        if (size == 0) {
            throw new DataException(where + " line 1: the file is empty (0 bytes); it needs a header row and data rows");
        }
        return size;
    }

    /**
     * The row count the file probably has, from the line density of the first buffer after the header; the
     * rows of a small file are all in that buffer, so its estimate is exact unless it has quoted line breaks.
     * Never more than the rest of the file could hold, as a row takes at least one byte per column.
     */
    static int estimateRows(CsvTokenizer tokenizer, long fileSize, int columns) {
        byte[] buf = tokenizer.buffer();
        int from = tokenizer.position();
        int limit = tokenizer.limit();
        int lines = 0;
        for (int i = from; i < limit; i++) {
            if (buf[i] == '\n') {
                lines++;
            }
        }
        if (limit > from && buf[limit - 1] != '\n') {
            lines++;
        }
        long rest = fileSize - tokenizer.bytesRead() + (limit - from);
        double estimate = rest == limit - from ? lines : (double) rest * Math.max(lines, 1) / Math.max(limit - from, 1);
        double most = (double) rest / Math.max(2, columns) + 16;
        return (int) Math.min(Math.min(Math.max(16, estimate * 1.02 + 16), most), Integer.MAX_VALUE - 16);
    }

    /** Reads records until the end of the input, or until {@code stopAt} bytes of it are consumed. */
    private int readRows(CsvTokenizer tokenizer, long stopAt) {
        int width = columns.length;
        int rows = 0;
        while (tokenizer.consumed() < stopAt && tokenizer.next()) {
            if (width > 1 && tokenizer.isBlankRecord()) {
                continue;
            }
            if (tokenizer.fields() != width) {
                throw new DataException(where + " line " + tokenizer.line() + ": " + tokenizer.fields()
                        + (tokenizer.fields() == 1 ? " field" : " fields") + ", but the header has " + width
                        + " columns; check the delimiter " + describeDelimiter() + " and quoting");
            }
            for (int c = 0; c < width; c++) {
                readField(tokenizer, c);
            }
            if (++rows == Integer.MAX_VALUE - 16) {
                throw new DataException(where + " line " + tokenizer.line()
                        + ": more rows than one Java array holds; sample the data");
            }
        }
        return rows;
    }

    private void readField(CsvTokenizer tokenizer, int c) {
        ColumnBuilder column = columns[c];
        locate(tokenizer, c);
        byte[] buf = fieldBuffer;
        int from = fieldFrom;
        int to = fieldTo;
        if (!column.isText()) {
            if (!markers.anyNumberLike() && parser.parse(buf, from, to)) {
                column.addNumber(parser.value());
                return;
            }
            if (markers.matches(buf, from, to)) {
                column.addMissingNumber();
                return;
            }
            if (markers.anyNumberLike() && parser.parse(buf, from, to)) {
                column.addNumber(parser.value());
                return;
            }
            if (column.forced() == ColumnType.NUMERIC) {
                String at = where + " line " + tokenizer.line() + ": column " + Quoted.of(column.name());
                String value = show(buf, from, to);
                throw new DataException(options.typesFrom() == CsvOptions.TypesFrom.MODEL
                        ? at + " is a numeric input of the model (it was trained on numbers), but has the value " + value
                                + "; fix the value, or write it as missing: the model reads "
                                + quoteAll(new java.util.TreeSet<>(options.missingMarkers())) + " as missing"
                        : at + " is set to numeric in data.types, but has the value " + value
                                + "; fix the value, add it to data.missing, or drop the column from data.types");
            }
            column.switchToText();
        }
        column.addCode(textCode(column.dictionary(), column, buf, from, to, tokenizer.line()));
    }

    private int textCode(ByteDictionary dictionary, ColumnBuilder column, byte[] buf, int from, int to, int line) {
        if (markers.matches(buf, from, to)) {
            return CategoricalColumn.MISSING;
        }
        int known = dictionary.size();
        int code;
        try {
            code = dictionary.intern(buf, from, to);
        } catch (CharacterCodingException e) {
            throw new DataException(where + " line " + line + ": column " + Quoted.of(column.name())
                    + " has text that is not valid UTF-8; save the file as UTF-8");
        }
        if (code == known && column.forced() == ColumnType.BOOLEAN) {
            checkBoolean(dictionary.levels(), column, line);
        }
        return code;
    }

    /** A column forced to boolean may hold two values (compared without case or surrounding spaces). */
    private void checkBoolean(List<String> levels, ColumnBuilder column, int line) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String level : levels) {
            distinct.add(ColumnBuilder.normalise(level));
        }
        if (distinct.size() > 2) {
            throw new DataException(where + " line " + line + ": column " + Quoted.of(column.name())
                    + " is set to boolean in data.types, but has a third value " + Quoted.of(levels.getLast())
                    + " besides " + quoteAll(distinct.stream().limit(2).toList())
                    + "; fix the value or drop the column from data.types");
        }
    }

    /**
     * Second, partial pass for columns that looked numeric before turning out to be text: reads their leading
     * rows (of the file, or of this reader's range) again, as text, and stops at the last such row. Most files
     * never need it.
     */
    void rereadLeadingText() {
        int upTo = 0;
        for (ColumnBuilder column : columns) {
            upTo = Math.max(upTo, column.rowsToReread());
        }
        if (upTo == 0) {
            return;
        }
        ByteDictionary[] leading = new ByteDictionary[columns.length];
        int[][] leadingCodes = new int[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].rowsToReread() > 0) {
                leading[c] = new ByteDictionary();
                leadingCodes[c] = new int[columns[c].rowsToReread()];
            }
        }
        try (FileChannel channel = FileChannel.open(file)) {
            CsvTokenizer tokenizer = new CsvTokenizer(Channels.newInputStream(channel.position(start)), null, where, chunk);
            tokenizer.delimiter(delimiter);
            if (start == 0) {
                CsvHeader.skipByteOrderMark(tokenizer);
                tokenizer.next(); // the header
            }
            int row = 0;
            while (row < upTo) {
                if (!tokenizer.next()) {
                    throw new DataException(where + ": the file changed while it was being read; read it again"
                            + " once it is complete");
                }
                if (columns.length > 1 && tokenizer.isBlankRecord()) {
                    continue;
                }
                for (int c = 0; c < columns.length; c++) {
                    if (row < columns[c].rowsToReread()) {
                        leadingCodes[c][row] = rereadField(tokenizer, c, leading[c]);
                    }
                }
                row++;
            }
        } catch (IOException e) {
            throw cannotRead(e);
        }
        for (int c = 0; c < columns.length; c++) {
            if (leading[c] != null) {
                columns[c].replaceLeadingRows(leading[c], leadingCodes[c]);
            }
        }
    }

    private int rereadField(CsvTokenizer tokenizer, int c, ByteDictionary dictionary) {
        locate(tokenizer, c);
        return textCode(dictionary, columns[c], fieldBuffer, fieldFrom, fieldTo, tokenizer.line());
    }

    /**
     * Points fieldBuffer/fieldFrom/fieldTo at field c's bytes: in the tokenizer's buffer, or unescaped into
     * the scratch buffer when it was quoted with doubled quotes. Fields, not a returned object, because
     * this runs for every field of every row.
     */
    private void locate(CsvTokenizer tokenizer, int c) {
        fieldBuffer = tokenizer.buffer();
        fieldFrom = tokenizer.start(c);
        fieldTo = tokenizer.end(c);
        if (tokenizer.kind(c) == CsvTokenizer.ESCAPED) {
            fieldBuffer = scratchFor(fieldTo - fieldFrom);
            fieldTo = tokenizer.unescape(c, fieldBuffer);
            fieldFrom = 0;
        }
    }

    private byte[] scratchFor(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        return scratch;
    }

    private String describeDelimiter() {
        String shown = delimiter == '\t' ? "tab" : "'" + (char) delimiter + "'";
        return "(" + (delimiterDetected ? "detected " : "set to ") + shown + ")";
    }

    private static String show(byte[] buf, int from, int to) {
        String text = new String(buf, from, to - from, StandardCharsets.UTF_8);
        return Quoted.of(text);
    }

    private static String quoteAll(Iterable<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            quoted.add(Quoted.of(name));
        }
        return String.join(", ", quoted);
    }

    private DataException cannotRead(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(where + ": no such file; check data.path", e);
        }
        return new DataException(where + ": cannot be read (" + e.getMessage() + "); check that it exists and"
                + " is readable", e);
    }
}
