package dev.mlship.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a large CSV file on several threads: the bytes after the header are cut into ranges at line breaks,
 * each range is parsed into column builders of its own, and the builders are joined in file order, while
 * one more thread hashes the file.
 *
 * <p>A cut is a guess, because a line break may lie inside a quoted field. The range before a cut is read
 * from a true record boundary (the header's end, or a confirmed cut), so its last record ends at a true
 * boundary too; the guess is right exactly when that end is the cut. Whenever a guess is wrong or a range
 * meets an error, {@link #read()} gives up and the caller reads the file on one thread, which yields the
 * same values, or the error with its line number (which a range, not knowing its first line, cannot give).
 */
final class RangedCsvRead {
    /** Smaller ranges gain less from a second core than starting its thread costs. */
    static final long MIN_RANGE_BYTES = 4L << 20;
    /** How far past a guessed cut to look for a line break before giving that cut up. */
    private static final int SCAN_BYTES = 1 << 20;

    private final CsvReader whole;
    private final long size;
    private final int threads;
    private final long minRangeBytes;

    RangedCsvRead(CsvReader whole, long size, int threads, long minRangeBytes) {
        this.whole = whole;
        this.size = size;
        this.threads = threads;
        this.minRangeBytes = minRangeBytes;
    }

    /** The file as the one-thread reader would give it, or empty when that reader must do it. */
    Optional<Dataset> read() {
        CsvReader.Header header = whole.readHeader();
        long[] starts = cuts(header);
        if (starts.length < 2) {
            return Optional.empty();
        }
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("mlship-csv-", 0).factory())) {
            Future<Hashed> hash = pool.submit(this::sha256);
            List<Future<CsvReader.Range>> reads = new ArrayList<>();
            for (int i = 0; i < starts.length; i++) {
                CsvReader range = whole.forRange(header, starts[i]);
                long length = (i + 1 < starts.length ? starts[i + 1] : size) - starts[i];
                reads.add(pool.submit(() -> range.readRange(length)));
            }
            List<CsvReader.Range> ranges = new ArrayList<>();
            for (Future<CsvReader.Range> read : reads) {
                Optional<CsvReader.Range> range = outcome(read);
                if (range.isEmpty()) {
                    return Optional.empty();
                }
                ranges.add(range.get());
            }
            long rows = 0;
            for (int i = 0; i < ranges.size(); i++) {
                if (i + 1 < ranges.size() && ranges.get(i).end() != starts[i + 1]) {
                    return Optional.empty(); // the cut was inside a quoted field
                }
                rows += ranges.get(i).rows();
            }
            if (rows == 0 || rows >= Integer.MAX_VALUE - 16) {
                return Optional.empty();
            }
            if (!rereadAsText(ranges, header.names().size(), pool)) {
                return Optional.empty();
            }
            Optional<Hashed> hashed = outcome(hash);
            if (hashed.isEmpty() || hashed.get().bytes() != size) {
                return Optional.empty(); // the file changed while it was read
            }
            List<Column> columns = new ArrayList<>(header.names().size());
            for (int c = 0; c < header.names().size(); c++) {
                List<ColumnBuilder> parts = new ArrayList<>(ranges.size());
                for (CsvReader.Range range : ranges) {
                    parts.add(range.columns()[c]);
                }
                Optional<Column> column = ColumnBuilder.join(parts, (int) rows);
                if (column.isEmpty()) {
                    return Optional.empty();
                }
                columns.add(column.get());
            }
            return Optional.of(new Dataset(whole.file(), new Table(columns, (int) rows), hashed.get().sha256(), size,
                    (char) header.delimiter()));
        }
    }

    /**
     * The start of each range: the header's end, then a line break near each equal share of the rest. A
     * cut goes before the first line there that looks like a whole record (no quote, a field per column),
     * since a line inside a quoted field rarely does; else before the first line that is not empty (the
     * reader skips empty lines without consuming them as records).
     */
    long[] cuts(CsvReader.Header header) {
        long dataStart = header.end();
        long data = size - dataStart;
        int count = (int) Math.min(threads, data / minRangeBytes);
        List<Long> starts = new ArrayList<>(List.of(dataStart));
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(SCAN_BYTES, data));
        try (FileChannel channel = FileChannel.open(whole.file())) {
            for (int i = 1; i < count; i++) {
                long guess = dataStart + data / count * i;
                if (guess <= starts.getLast()) {
                    continue;
                }
                window.clear();
                while (window.hasRemaining() && channel.read(window, guess + window.position()) > 0) {
                    // fill the window, or up to the end of the file
                }
                int cut = cutIn(window.array(), window.position(), header.delimiter(), header.names().size());
                if (cut >= 0) {
                    starts.add(guess + cut);
                }
            }
        } catch (IOException e) {
            return new long[] {dataStart}; // the one-thread read reports it
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Where in {@code bytes[0, length)} a range had best start, or -1 when no line starts there. */
    static int cutIn(byte[] bytes, int length, byte delimiter, int width) {
        int fallback = -1;
        for (int i = 0; i + 1 < length; i++) {
            if (bytes[i] != '\n' || bytes[i + 1] == '\n' || bytes[i + 1] == '\r') {
                continue;
            }
            if (fallback < 0) {
                fallback = i + 1;
            }
            int delimiters = 0;
            int j = i + 1;
            while (j < length && bytes[j] != '\n' && bytes[j] != '"') {
                delimiters += bytes[j] == delimiter ? 1 : 0;
                j++;
            }
            if (j < length && bytes[j] == '\n' && delimiters == width - 1) {
                return i + 1;
            }
        }
        return fallback;
    }

    /**
     * A column that is text in one range is text in all: the ranges where it held only numbers switch to
     * text and read those rows again (as the one-thread reader does for the rows before a column's first
     * text), so "01" stays "01". False when a reread failed.
     */
    private static boolean rereadAsText(List<CsvReader.Range> ranges, int width, ExecutorService pool) {
        for (int c = 0; c < width; c++) {
            boolean text = false;
            for (CsvReader.Range range : ranges) {
                text |= range.columns()[c].isText();
            }
            if (text) {
                for (CsvReader.Range range : ranges) {
                    if (!range.columns()[c].isText()) {
                        range.columns()[c].switchToText();
                    }
                }
            }
        }
        List<Future<Boolean>> rereads = new ArrayList<>();
        for (CsvReader.Range range : ranges) {
            boolean needed = false;
            for (ColumnBuilder column : range.columns()) {
                needed |= column.rowsToReread() > 0;
            }
            if (needed) {
                rereads.add(pool.submit(() -> {
                    range.reader().rereadLeadingText();
                    return true;
                }));
            }
        }
        for (Future<Boolean> reread : rereads) {
            if (outcome(reread).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private record Hashed(String sha256, long bytes) {
    }

    private Hashed sha256() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        long bytes = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(whole.file())) {
            for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                bytes += n;
            }
        }
        return new Hashed(HexFormat.of().formatHex(digest.digest()), bytes);
    }

    /**
     * A task's result; empty when it failed in a way the one-thread read reports better (bad data, an I/O
     * error). Anything else (out of memory, a bug) is rethrown as it is.
     */
    private static <T> Optional<T> outcome(Future<T> task) {
        try {
            return Optional.of(task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a CSV file", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DataException || cause instanceof IOException || cause instanceof UncheckedIOException) {
                return Optional.empty();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
