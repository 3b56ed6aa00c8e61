package dev.mlship.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
    @Test
    void rowsAndColumnsAreTheSameValues() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        FeatureMatrix m = FeatureMatrix.ofRows(rows);

        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.width()).isEqualTo(3);
        assertThat(m.column(0)).containsExactly(1, 4);
        assertThat(m.column(2)).containsExactly(3, 6);
        assertThat(m.toRows()).isDeepEqualTo(rows);
    }

    @Test
    void columnsAreWrappedNotCopied() {
        double[] first = {1, 2};
        FeatureMatrix m = FeatureMatrix.ofColumns(2, new double[][] {first, {3, 4}});

        assertThat(m.column(0)).isSameAs(first);
        assertThat(m.toRows()).isDeepEqualTo(new double[][] {{1, 3}, {2, 4}});
    }

    @Test
    void eachLayoutIsKeptAsGivenAndTheOtherIsACopy() {
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        FeatureMatrix byRow = FeatureMatrix.ofRows(rows);
        assertThat(byRow.toRows()).isSameAs(rows);
        assertThat(byRow.column(1)).containsExactly(2, 4, 6);

        double[][] columns = {{1, 3, 5}, {2, 4, 6}};
        FeatureMatrix byColumn = FeatureMatrix.ofColumns(3, columns);
        assertThat(byColumn.column(1)).isSameAs(columns[1]);
        assertThat(byColumn.toRows()).isDeepEqualTo(rows).isNotSameAs(rows);
    }

    @Test
    void noRowsMeansNoColumns() {
        FeatureMatrix m = FeatureMatrix.ofRows(new double[0][]);

        assertThat(m.rows()).isZero();
        assertThat(m.width()).isZero();
        assertThat(m.toRows()).isEmpty();
    }

    @Test
    void raggedInputIsRejected() {
        assertThatThrownBy(() -> FeatureMatrix.ofRows(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> FeatureMatrix.ofColumns(3, new double[][] {{1, 2, 3}, {4}}))
                .hasMessageContaining("a column has 1 rows, expected 3");
    }
}
