package dev.mlship.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Splits a byte stream into RFC-4180 records without decoding it: each record is a list of byte ranges
 * into {@link #buffer()}, valid until the next call to {@link #next()}.
 *
 * <p>Every byte read is also fed to the optional digest, so the file is hashed in the same single pass.
 * Records may span reads: a record cut off by the end of the buffer is moved to the front and scanned again
 * once more bytes are in, so the scanner itself never has to keep state between reads.
 */
final class CsvTokenizer {
    /** The field was not quoted. */
    static final byte PLAIN = 0;
    /** The field was quoted; its range excludes the quotes. */
    static final byte QUOTED = 1;
    /** The field was quoted and contains doubled quotes that {@link #unescape} turns into single ones. */
    static final byte ESCAPED = 2;

    static final int CHUNK = 1 << 20;
    /** A record this long is almost surely a quote that was never closed; stop before eating all memory. */
    private static final int MAX_RECORD = 256 << 20;

    private static final int RECORD = 0;
    private static final int NEED_MORE = 1;
    private static final int END = 2;

    private final InputStream in;
    private final MessageDigest digest;
    private final String where;
    private final int chunk;
    private byte delimiter = ',';

    // buf[limit] always holds a '\n' sentinel, so the field scan needs no bounds check per byte.
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long bytesRead;
    private int line = 1;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] kinds = new byte[64];
    private int fields;
    private int recordLine;
    private int openQuoteLine; // where a quoted field still open at the end of the buffer started; 0 if none

    /** {@code chunk}: bytes per read; small values are for tests that put record ends at every offset. */
    CsvTokenizer(InputStream in, MessageDigest digest, String where, int chunk) {
        this.in = in;
        this.digest = digest;
        this.where = where;
        this.chunk = chunk;
        this.buf = new byte[chunk + 1];
        fill();
    }

    void delimiter(byte delimiter) {
        this.delimiter = delimiter;
    }

    /** The bytes read but not yet consumed, for sniffing the start of the file. */
    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    /** Drops bytes at the start of the file (a byte order mark). */
    void skip(int n) {
        pos += n;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** Bytes of the input consumed by the records returned so far (and the header, a byte order mark). */
    long consumed() {
        return bytesRead - (limit - pos);
    }

    int fields() {
        return fields;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    byte kind(int field) {
        return kinds[field];
    }

    /** The physical line (1-based) on which the current record starts. */
    int line() {
        return recordLine;
    }

    /** Whether the current record is one unquoted field of only spaces and tabs (or nothing). */
    boolean isBlankRecord() {
        if (fields != 1 || kinds[0] != PLAIN) {
            return false;
        }
        for (int i = starts[0]; i < ends[0]; i++) {
            if (!NumberParser.isBlank(buf[i])) {
                return false;
            }
        }
        return true;
    }

    /** Copies an {@link #ESCAPED} field into {@code out} with each doubled quote made single; returns the length. */
    int unescape(int field, byte[] out) {
        int n = 0;
        int end = ends[field];
        for (int i = starts[field]; i < end; i++) {
            byte b = buf[i];
            out[n++] = b;
            if (b == '"') {
                i++; // the second quote of the pair
            }
        }
        return n;
    }

    /** Moves to the next record, skipping empty lines; false at the end of the input. */
    boolean next() {
        while (true) {
            int result = scan();
            if (result == NEED_MORE) {
                fill();
            } else if (result == END) {
                return false;
            } else if (fields > 1 || kinds[0] != PLAIN || starts[0] != ends[0]) {
                return true;
            }
        }
    }

    private int scan() {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delimiter;
        int p = pos;
        int ln = line;
        openQuoteLine = 0;
        if (p >= lim) {
            return eof ? END : NEED_MORE;
        }
        int n = 0;
        while (true) {
            if (b[p] != '"') {
                int s = p;
                byte c = b[p];
                while (c != d && c != '\n') {
                    c = b[++p];
                }
                if (p == lim) { // the sentinel
                    if (!eof) {
                        return NEED_MORE;
                    }
                    addField(n++, s, p > s && b[p - 1] == '\r' ? p - 1 : p, PLAIN);
                    return finish(n, lim, ln);
                }
                if (c == d) {
                    addField(n++, s, p, PLAIN);
                    p++;
                    if (p == lim) { // a delimiter as the very last byte: one more, empty field
                        if (!eof) {
                            return NEED_MORE;
                        }
                        addField(n++, p, p, PLAIN);
                        return finish(n, lim, ln);
                    }
                    continue;
                }
                addField(n++, s, p > s && b[p - 1] == '\r' ? p - 1 : p, PLAIN);
                return finish(n, p + 1, ln + 1);
            }
            // A quoted field: runs to the next quote that is not doubled; may hold delimiters and newlines.
            int quoteLine = ln;
            int s = p + 1;
            int q = s;
            byte kind = QUOTED;
            while (true) {
                byte c = b[q];
                if (c == '"') {
                    if (q + 1 >= lim && !eof) {
                        openQuoteLine = quoteLine;
                        return NEED_MORE;
                    }
                    if (q + 1 < lim && b[q + 1] == '"') {
                        kind = ESCAPED;
                        q += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n') {
                    if (q == lim) { // the sentinel
                        if (eof) {
                            throw new DataException(where + " line " + quoteLine
                                    + ": a quoted field starts here but its closing quote is missing;"
                                    + " close the quote, and write a quote inside a quoted field as \"\"");
                        }
                        openQuoteLine = quoteLine;
                        return NEED_MORE;
                    }
                    ln++;
                }
                q++;
            }
            addField(n++, s, q, kind);
            p = q + 1;
            while (p < lim && b[p] != d && NumberParser.isBlank(b[p])) {
                p++; // spaces after the closing quote are padding, not data
            }
            if (p >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                return finish(n, lim, ln);
            }
            byte c = b[p];
            if (c == d) {
                p++;
                if (p == lim) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    addField(n++, p, p, PLAIN);
                    return finish(n, lim, ln);
                }
                continue;
            }
            if (c == '\n') {
                return finish(n, p + 1, ln + 1);
            }
            if (c == '\r' && p + 1 < lim && b[p + 1] == '\n') {
                return finish(n, p + 2, ln + 1);
            }
            if (c == '\r' && p + 1 == lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                return finish(n, lim, ln);
            }
            throw new DataException(where + " line " + ln + ": field " + n
                    + " has text after its closing quote; inside a quoted field write a quote as \"\"");
        }
    }

    private int finish(int fieldCount, int nextPos, int nextLine) {
        fields = fieldCount;
        recordLine = line;
        pos = nextPos;
        line = nextLine;
        return RECORD;
    }

    private void addField(int i, int start, int end, byte kind) {
        if (i == starts.length) {
            starts = Arrays.copyOf(starts, i * 2);
            ends = Arrays.copyOf(ends, i * 2);
            kinds = Arrays.copyOf(kinds, i * 2);
        }
        starts[i] = start;
        ends[i] = end;
        kinds[i] = kind;
    }

    /**
     * Reads until at least {@code bytes} unconsumed bytes are buffered or the input ends, so the start of the
     * file can be inspected whatever the chunk size.
     */
    void prime(int bytes) {
        while (limit - pos < bytes && !eof) {
            fill();
        }
    }

    /** Keeps the unconsumed bytes, then reads one chunk (less if the buffer has no room) or up to the end. */
    private void fill() {
        int kept = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
            pos = 0;
            limit = kept;
        }
        if (limit == buf.length - 1) {
            if (buf.length - 1 >= MAX_RECORD) {
                String limitText = (MAX_RECORD >> 20) + " MiB";
                throw new DataException(openQuoteLine > 0
                        ? where + " line " + openQuoteLine + ": a quoted field starting here runs over " + limitText
                                + "; check for a missing closing quote"
                        : where + " line " + line + ": a record starting here runs over " + limitText
                                + "; check that the file is a CSV with line breaks between records");
            }
            buf = Arrays.copyOf(buf, (buf.length - 1) * 2 + 1);
        }
        int end = Math.min(buf.length - 1, limit + chunk);
        try {
            while (limit < end) {
                int n = in.read(buf, limit, end - limit);
                if (n < 0) {
                    eof = true;
                    break;
                }
                if (digest != null) {
                    digest.update(buf, limit, n);
                }
                limit += n;
                bytesRead += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf[limit] = '\n';
    }
}
