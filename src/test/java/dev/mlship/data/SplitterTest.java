package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private static void assertPartition(Split split, int rows) {
        assertThat(split.train()).isSorted();
        assertThat(split.test()).isSorted();
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, rows).toArray());
    }

    @Test
    void plainSplitHasTheRoundedTestSizeAndCoversEveryRowOnce() {
        Split split = Splitter.split(1003, null, 0.2, 42);
        assertThat(split.test()).hasSize(201); // round(200.6)
        assertThat(split.train()).hasSize(802);
        assertPartition(split, 1003);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Split a = Splitter.split(500, null, 0.3, 42);
        Split b = Splitter.split(500, null, 0.3, 42);
        Split c = Splitter.split(500, null, 0.3, 43);
        assertThat(a.test()).isEqualTo(b.test());
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(a.test()).isNotEqualTo(c.test());
    }

    @Test
    void seedGivesAFixedSplitOnEveryJdk() {
        // Pinned: a change here silently changes every user's test rows and so their metrics.
        assertThat(Splitter.split(10, null, 0.3, 42).test()).containsExactly(0, 6, 9);
        assertThat(Splitter.split(10, new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, 0.4, 42).test())
                .containsExactly(2, 3, 7, 9);
    }

    @Test
    void theTestRowsAreShuffledNotAPrefix() {
        Split split = Splitter.split(1000, null, 0.2, 1);
        assertThat(split.test()).isNotEqualTo(IntStream.range(0, 200).toArray());
        assertThat(split.test()).isNotEqualTo(IntStream.range(800, 1000).toArray());
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        int rows = 1000;
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = i % 10 == 0 ? 2 : i % 3 == 0 ? 1 : 0; // about 10%, 30%, 60%
        }
        Split split = Splitter.split(rows, classes, 0.25, 7);
        assertPartition(split, rows);
        for (int c = 0; c < 3; c++) {
            int code = c;
            long total = Arrays.stream(classes).filter(k -> k == code).count();
            long inTest = Arrays.stream(split.test()).filter(r -> classes[r] == code).count();
            assertThat((double) inTest).as("class %d", c).isCloseTo(total * 0.25, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void aClassWithOneRowStaysInTrain() {
        int[] classes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        Split split = Splitter.split(11, classes, 0.5, 3);
        assertThat(split.train()).contains(10);
        assertThat(split.test()).hasSize(5);
    }

    @Test
    void tinyDataStillGetsOneTestAndOneTrainRow() {
        Split split = Splitter.split(2, null, 0.1, 5);
        assertThat(split.test()).hasSize(1);
        assertThat(split.train()).hasSize(1);
        Split stratified = Splitter.split(3, new int[] {0, 0, 1}, 0.1, 5);
        assertThat(stratified.test()).hasSize(1);
        assertPartition(stratified, 3);
    }

    @Test
    void impossibleSplits() {
        assertThatThrownBy(() -> Splitter.split(1, null, 0.2, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> Splitter.split(2, new int[] {0, 1}, 0.2, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("one row per class");
    }
}
