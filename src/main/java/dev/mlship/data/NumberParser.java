package dev.mlship.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number straight from UTF-8 bytes, without making a String.
 *
 * <p>Accepted text, after surrounding spaces and tabs are dropped: {@code [+-]? (digits [. digits?] | . digits)
 * ([eE] [+-]? digits)?}, and {@code inf}, {@code infinity}, {@code nan} in any case with an optional sign.
 * Anything else (hex, Java's {@code 1d}/{@code 1f} suffixes, thousands separators) is not a number, so such
 * a column stays text rather than being silently misread.
 *
 * <p>Up to 19 significant digits, the value is computed from the digits as an integer and a power of ten:
 * exactly (one multiplication or division of two exactly representable doubles) when the integer fits in
 * 53 bits and the power is within ±22, otherwise with the Eisel-Lemire algorithm (Lemire, "Number Parsing at
 * a Gigabyte per Second", 2021), which gives the correctly rounded double from a 128-bit product. Longer
 * numbers and subnormal results go to {@link Double#parseDouble}. All three paths round correctly, so a
 * value never depends on which one was taken; pandas writes floats with 17 digits, so the middle path is
 * the common one for exported data.
 */
final class NumberParser {
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final long MAX_EXACT = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private double value;

    /** The number read by the last successful {@link #parse}. */
    double value() {
        return value;
    }

    /** Reads {@code buf[from, to)}; true when it is a number (its value is then in {@link #value()}). */
    boolean parse(byte[] buf, int from, int to) {
        while (from < to && isBlank(buf[from])) {
            from++;
        }
        while (to > from && isBlank(buf[to - 1])) {
            to--;
        }
        if (from == to) {
            return false;
        }
        int i = from;
        boolean negative = false;
        byte b = buf[i];
        if (b == '-' || b == '+') {
            negative = b == '-';
            if (++i == to) {
                return false;
            }
        }
        if (!isDigit(buf[i]) && buf[i] != '.') {
            return parseWord(buf, i, to, negative);
        }
        // Digits are accumulated without per-digit checks; only a number with more than 19 digits needs its
        // significant digits counted, since leading zeros add nothing and 19 digits fit in 64 unsigned bits.
        long mantissa = 0;
        int digitsFrom = i;
        int digit;
        while (i < to && (digit = buf[i] - '0') >= 0 && digit <= 9) {
            mantissa = mantissa * 10 + digit;
            i++;
        }
        int integerDigits = i - digitsFrom;
        int fractionDigits = 0;
        if (i < to && buf[i] == '.') {
            int fractionFrom = ++i;
            while (i < to && (digit = buf[i] - '0') >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit;
                i++;
            }
            fractionDigits = i - fractionFrom;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        boolean truncated = integerDigits + fractionDigits > 19 && significantDigits(buf, digitsFrom, i) > 19;
        int exponent = 0;
        if (i < to && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (buf[i] == '-' || buf[i] == '+')) {
                negativeExponent = buf[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            for (; i < to && isDigit(b = buf[i]); i++) {
                exponentDigits++;
                if (exponent < 100_000) { // beyond this any double is 0 or infinite anyway
                    exponent = exponent * 10 + (b - '0');
                }
            }
            if (exponentDigits == 0) {
                return false;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            return false;
        }
        if (!truncated) {
            int scale = exponent - fractionDigits;
            if (Long.compareUnsigned(mantissa, MAX_EXACT) <= 0 && scale >= -22 && scale <= 22) {
                double d = mantissa;
                d = scale >= 0 ? d * POWERS_OF_TEN[scale] : d / POWERS_OF_TEN[-scale];
                value = negative ? -d : d;
                return true;
            }
            if (eiselLemire(mantissa, scale, negative)) {
                return true;
            }
        }
        // The grammar above is a subset of what Double.parseDouble accepts, so this cannot throw.
        value = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.US_ASCII));
        return true;
    }

    /**
     * Sets {@link #value} to the double nearest to w × 10^q (w read as unsigned); false for a subnormal
     * result, which is left to the slow path.
     */
    private boolean eiselLemire(long w, int q, boolean negative) {
        if (w == 0 || q < PowersOfFive.SMALLEST) {
            value = negative ? -0.0 : 0.0; // below 2^64 × 10^-343, half the smallest subnormal
            return true;
        }
        if (q > PowersOfFive.LARGEST) {
            value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        w <<= leadingZeros;
        int index = 2 * (q - PowersOfFive.SMALLEST);
        long high = Math.unsignedMultiplyHigh(w, PowersOfFive.TABLE[index]);
        long low = w * PowersOfFive.TABLE[index];
        if ((high & 0x1FF) == 0x1FF) {
            // The 9 bits below the 55 we keep are all ones: the lower half of 5^q may carry into them.
            long carry = Math.unsignedMultiplyHigh(w, PowersOfFive.TABLE[index + 1]);
            low += carry;
            if (Long.compareUnsigned(carry, low) > 0) {
                high++;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 9;
        long mantissa = high >>> shift;
        // floor(q × log2(10)) + 63, then the double's exponent bias
        int power2 = ((217706 * q) >> 16) + 63 + upperBit - leadingZeros + 1023;
        if (power2 <= 0) {
            return false;
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && (mantissa << shift) == high) {
            mantissa &= ~1L; // exactly half way: round to even, i.e. down here
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        double d = Double.longBitsToDouble(mantissa | ((long) power2 << 52));
        value = negative ? -d : d;
        return true;
    }

    /** Digits from the first non-zero one on, in a run of digits with at most one point. */
    private static int significantDigits(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && (buf[i] == '0' || buf[i] == '.')) {
            i++;
        }
        int count = 0;
        for (; i < to; i++) {
            if (buf[i] != '.') {
                count++;
            }
        }
        return count;
    }

    private boolean parseWord(byte[] buf, int from, int to, boolean negative) {
        int length = to - from;
        if (matches(buf, from, length, "inf") || matches(buf, from, length, "infinity")) {
            value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        if (matches(buf, from, length, "nan")) {
            value = Double.NaN;
            return true;
        }
        return false;
    }

    private static boolean matches(byte[] buf, int from, int length, String lowerCaseWord) {
        if (length != lowerCaseWord.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if ((buf[from + k] | 0x20) != lowerCaseWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
