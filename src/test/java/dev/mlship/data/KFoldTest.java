package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KFoldTest {
    @Test
    void validationFoldsAreDisjointAndCoverEveryRow() {
        int rows = 103;
        List<Split> folds = KFold.of(rows, null, 5, 42);
        assertThat(folds).hasSize(5);
        int[] seen = new int[rows];
        for (Split fold : folds) {
            assertThat(fold.test()).isSorted();
            assertThat(fold.train()).isSorted();
            assertThat(fold.test().length).isBetween(20, 21);
            assertThat(fold.train().length + fold.test().length).isEqualTo(rows);
            for (int row : fold.test()) {
                seen[row]++;
            }
            // train is exactly the rows outside this fold's validation rows
            int[] both = IntStream.concat(Arrays.stream(fold.train()), Arrays.stream(fold.test())).sorted().toArray();
            assertThat(both).isEqualTo(IntStream.range(0, rows).toArray());
        }
        assertThat(seen).containsOnly(1);
    }

    @Test
    void sameSeedSameFolds() {
        List<Split> a = KFold.of(50, null, 3, 9);
        List<Split> b = KFold.of(50, null, 3, 9);
        List<Split> c = KFold.of(50, null, 3, 10);
        for (int f = 0; f < 3; f++) {
            assertThat(a.get(f).test()).isEqualTo(b.get(f).test());
        }
        assertThat(a.get(0).test()).isNotEqualTo(c.get(0).test());
    }

    @Test
    void stratifiedFoldsShareEachClassEvenly() {
        int rows = 200;
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = i < 23 ? 1 : 0; // a rare class of 23 rows
        }
        List<Split> folds = KFold.of(rows, classes, 5, 4);
        int covered = 0;
        for (Split fold : folds) {
            long rare = Arrays.stream(fold.test()).filter(r -> classes[r] == 1).count();
            assertThat(rare).isBetween(4L, 5L);
            assertThat(fold.test().length).isBetween(40, 40);
            covered += fold.test().length;
        }
        assertThat(covered).isEqualTo(rows);
    }

    @Test
    void fewerRowsThanFolds() {
        assertThatThrownBy(() -> KFold.of(3, null, 5, 1))
                .isInstanceOf(DataException.class)
                .hasMessage("3 rows but 5 folds: lower folds (evaluate.folds or model.search.folds) or add data");
    }
}
