package dev.mlship.data;

import java.math.BigInteger;

/**
 * 128-bit approximations of 5^q for q in [-342, 308], normalised so the top bit is set: the table the
 * Eisel-Lemire decimal-to-double conversion multiplies by. Positive powers are truncated; negative powers
 * are 2^b / 5^-q rounded up, which is what the conversion's error analysis assumes. Computed once when
 * first used, so no table of magic numbers sits in the source.
 */
final class PowersOfFive {
    static final int SMALLEST = -342;
    static final int LARGEST = 308;

    /** High and low 64 bits of the entry for q at [2(q - SMALLEST)] and [2(q - SMALLEST) + 1]. */
    static final long[] TABLE = build();

    private PowersOfFive() {
    }

    private static long[] build() {
        long[] table = new long[2 * (LARGEST - SMALLEST + 1)];
        BigInteger five = BigInteger.valueOf(5);
        for (int q = SMALLEST; q <= LARGEST; q++) {
            BigInteger entry;
            if (q < 0) {
                BigInteger power = five.pow(-q);
                int z = power.bitLength(); // smallest z with 2^z >= 5^-q, as 5^-q is never a power of two
                int b = q < -27 ? 2 * z + 128 : z + 127;
                entry = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
            } else {
                entry = five.pow(q);
            }
            int excess = entry.bitLength() - 128;
            entry = excess > 0 ? entry.shiftRight(excess) : entry.shiftLeft(-excess);
            int i = 2 * (q - SMALLEST);
            table[i] = entry.shiftRight(64).longValue();
            table[i + 1] = entry.longValue();
        }
        return table;
    }
}
