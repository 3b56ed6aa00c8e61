package dev.mlship.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The median found by selection is the sorted array's middle value (or the mean of the two middle values). */
class ImputerMedianTest {
    @Test
    void selectionGivesTheSortedMedianOnOddEvenAndRepeatedValues() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 1; n <= 300; n++) {
            for (int levels : new int[] {2, 7, 1_000_000}) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextInt(levels) - levels / 2 + (levels > 10 ? random.nextDouble() : 0);
                }
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
                double[] before = values.clone();

                assertThat(Imputer.median(values)).as("n=%d levels=%d", n, levels).isEqualTo(expected);
                assertThat(values).isEqualTo(before); // the caller's array is left as it was
            }
        }
    }
}
