package dev.mlship.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The start of a CSV file: encoding checks, the byte order mark, the delimiter and the column names. */
final class CsvHeader {
    /** How far a NUL byte is looked for: enough to catch binary files, cheap for text ones. */
    private static final int SNIFF_BYTES = 8 * 1024;

    private CsvHeader() {
    }

    /**
     * Rejects binary and UTF-16 files, skips a UTF-8 byte order mark, and sets the tokenizer's delimiter:
     * {@code set}, or the one detected from the header line when {@code set} is null.
     */
    static byte start(CsvTokenizer tokenizer, Character set, String where) {
        tokenizer.prime(SNIFF_BYTES);
        byte[] buf = tokenizer.buffer();
        int limit = tokenizer.limit();
        if (limit >= 2 && ((buf[0] == (byte) 0xFF && buf[1] == (byte) 0xFE) || (buf[0] == (byte) 0xFE && buf[1] == (byte) 0xFF))) {
            throw new DataException(where + " line 1: the file is UTF-16 text; save it as UTF-8 CSV");
        }
        int line = 1;
        for (int i = 0; i < Math.min(limit, SNIFF_BYTES); i++) {
            if (buf[i] == 0) {
                throw new DataException(where + " line " + line + ": a NUL byte at offset " + i
                        + ", so this looks like a binary file, not a CSV; point data.path at a UTF-8 CSV file");
            }
            if (buf[i] == '\n') {
                line++;
            }
        }
        skipByteOrderMark(tokenizer);
        byte delimiter = set != null ? (byte) set.charValue() : detectDelimiter(buf, tokenizer.position(), limit);
        tokenizer.delimiter(delimiter);
        return delimiter;
    }

    static void skipByteOrderMark(CsvTokenizer tokenizer) {
        tokenizer.prime(3);
        byte[] buf = tokenizer.buffer();
        if (tokenizer.limit() >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            tokenizer.skip(3);
        }
    }

    /** The most frequent of comma, semicolon and tab outside quotes on the first line; comma on a tie or none. */
    static byte detectDelimiter(byte[] buf, int from, int limit) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = from; i < limit; i++) {
            byte b = buf[i];
            if (b == '"') {
                quoted = !quoted; // a doubled quote flips twice, which is right
            } else if (!quoted) {
                if (b == '\n') {
                    break;
                } else if (b == ',') {
                    commas++;
                } else if (b == ';') {
                    semicolons++;
                } else if (b == '\t') {
                    tabs++;
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return ',';
    }

    /** The column names, checked: UTF-8, none empty, no duplicates. */
    static List<String> names(CsvTokenizer tokenizer, String where) {
        if (!tokenizer.next()) {
            throw new DataException(where + " line 1: the file has only blank lines; it needs a header row and data rows");
        }
        int count = tokenizer.fields();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] buf = tokenizer.buffer();
            int from = tokenizer.start(i);
            int to = tokenizer.end(i);
            byte kind = tokenizer.kind(i);
            if (kind == CsvTokenizer.ESCAPED) {
                buf = new byte[to - from];
                from = 0;
                to = tokenizer.unescape(i, buf);
            }
            String name;
            try {
                name = decoder.decode(ByteBuffer.wrap(buf, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                throw new DataException(where + " line " + tokenizer.line() + ": the header is not valid UTF-8 text,"
                        + " so this looks like a binary file or another encoding; save it as UTF-8 CSV");
            }
            // Spaces after a delimiter in a header are layout; a quoted name is taken exactly as written.
            if (kind == CsvTokenizer.PLAIN) {
                name = name.strip();
            }
            if (name.isEmpty()) {
                throw new DataException(where + " line " + tokenizer.line() + ": column " + (i + 1) + " of "
                        + count + " in the header has no name; give it a name or remove the extra delimiter");
            }
            Integer earlier = positions.putIfAbsent(name, i + 1);
            if (earlier != null) {
                throw new DataException(where + " line " + tokenizer.line() + ": columns " + earlier + " and " + (i + 1)
                        + " of the header are both named " + Quoted.of(name) + "; give each column a unique name");
            }
        }
        return List.copyOf(positions.keySet());
    }
}
