package dev.mlship.data;

/**
 * SplitMix64, written out here so that a seed gives the same split on every JDK version: the JDK's
 * generators document their sequences, but not how bounded draws are made from them across releases.
 */
final class SeededRandom {
    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), without the bias of a plain modulo (redraws the uneven top range). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = (1L << 31) - ((1L << 31) % bound);
        long draw;
        do {
            draw = nextLong() >>> 33;
        } while (draw >= limit);
        return (int) (draw % bound);
    }
}
