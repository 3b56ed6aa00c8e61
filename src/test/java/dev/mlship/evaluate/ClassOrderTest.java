package dev.mlship.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassOrderTest {
    private static CategoricalColumn column(List<String> levels, int... codes) {
        return new CategoricalColumn("y", ColumnType.CATEGORICAL, codes, levels);
    }

    @Test
    void configuredPositiveClassComesSecond() {
        CategoricalColumn c = column(List.of("good", "bad"), 0, 1, 0);
        assertThat(ClassOrder.of(c, "bad")).containsExactly("good", "bad");
        assertThat(ClassOrder.of(c, "good")).containsExactly("bad", "good");
    }

    @Test
    void yesLikeNamesArePositiveByDefault() {
        assertThat(ClassOrder.of(column(List.of("1", "0"), 0, 1), null)).containsExactly("0", "1");
        assertThat(ClassOrder.of(column(List.of("yes", "no"), 0, 1), null)).containsExactly("no", "yes");
        assertThat(ClassOrder.of(column(List.of("True", "False"), 0, 1), null)).containsExactly("False", "True");
    }

    @Test
    void multiclassIsSortedAndCodesFollow() {
        CategoricalColumn c = column(List.of("c", "a", "b"), 0, 1, 2, 1);
        List<String> classes = ClassOrder.of(c, null);
        assertThat(classes).containsExactly("a", "b", "c");
        assertThat(ClassOrder.target(c, classes).codes()).containsExactly(2, 0, 1, 0);
    }
}
