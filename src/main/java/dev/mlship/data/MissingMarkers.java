package dev.mlship.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Matches a field's bytes against the missing-value markers, without decoding the field. */
final class MissingMarkers {
    private final byte[][] markers;
    private final boolean numberLike;

    MissingMarkers(Set<String> texts) {
        List<byte[]> list = new ArrayList<>();
        NumberParser parser = new NumberParser();
        boolean anyNumberLike = false;
        for (String text : texts) {
            byte[] bytes = text.strip().getBytes(StandardCharsets.UTF_8);
            list.add(bytes);
            // "NaN" reads as a missing number anyway; a marker such as -999 must be checked before parsing.
            if (parser.parse(bytes, 0, bytes.length) && !Double.isNaN(parser.value())) {
                anyNumberLike = true;
            }
        }
        markers = list.toArray(new byte[0][]);
        numberLike = anyNumberLike;
    }

    /** True when some marker would also parse as a number, so numbers must be checked against the markers. */
    boolean anyNumberLike() {
        return numberLike;
    }

    boolean matches(byte[] buf, int from, int to) {
        while (from < to && NumberParser.isBlank(buf[from])) {
            from++;
        }
        while (to > from && NumberParser.isBlank(buf[to - 1])) {
            to--;
        }
        for (byte[] marker : markers) {
            if (ByteDictionary.sameBytes(marker, buf, from, to)) {
                return true;
            }
        }
        return false;
    }
}
