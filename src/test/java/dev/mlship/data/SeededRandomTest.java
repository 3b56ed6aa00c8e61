package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededRandomTest {
    @Test
    void matchesTheSplitMix64ReferenceSequence() {
        SeededRandom random = new SeededRandom(1234567);
        assertThat(Long.toUnsignedString(random.nextLong())).isEqualTo("6457827717110365317");
        assertThat(Long.toUnsignedString(random.nextLong())).isEqualTo("3203168211198807973");
        assertThat(Long.toUnsignedString(random.nextLong())).isEqualTo("9817491932198370423");
    }

    @Test
    void boundedDrawsStayInRangeAndHitEveryValue() {
        SeededRandom random = new SeededRandom(3);
        int[] seen = new int[7];
        for (int i = 0; i < 7000; i++) {
            seen[random.nextInt(7)]++;
        }
        for (int count : seen) {
            assertThat(count).isBetween(850, 1150);
        }
    }
}
