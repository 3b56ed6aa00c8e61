package dev.mlship.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.config.PrepareSpec;
import dev.mlship.config.PrepareSpec.ImputeSpec;
import dev.mlship.config.PrepareSpec.Scaling;
import dev.mlship.config.PrepareSpec.Strategy;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.ColumnType;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    private static final double NA = Double.NaN;

    private static Table table(double[] x, int[] codes, List<String> levels) {
        return new Table(List.of(new NumericColumn("x", x), new CategoricalColumn("c", ColumnType.CATEGORICAL, codes, levels)),
                x.length);
    }

    private static PrepareSpec spec(Strategy numeric, Scaling scaling, Integer maxCategories) {
        return new PrepareSpec(new ImputeSpec(numeric, Strategy.MOST_FREQUENT, null, null), null, scaling, maxCategories);
    }

    @Test
    void statisticsComeFromTheTrainingRowsOnly() {
        Table all = table(new double[] {1, 2, NA, 4, 100, 200}, new int[] {0, 1, 1, -1, 0, 0}, List.of("a", "b"));
        Table train = all.select(new int[] {0, 1, 2, 3});
        FittedPreprocessor p = Preprocessor.fit(train, List.of("x", "c"), spec(Strategy.MEDIAN, Scaling.STANDARD, null));

        assertThat(p.imputer().numericFill().get("x")).isEqualTo(2.0); // median of 1, 2, 4
        // Scaled on the imputed training values 1, 2, 2, 4: mean 2.25, population std sqrt(1.1875)
        assertThat(p.scaler().center().get("x")).isEqualTo(2.25);
        assertThat(p.scaler().scale().get("x")).isCloseTo(Math.sqrt(1.1875), within(1e-12));
        // "b" is the most frequent level in the training rows, although "a" is in the whole table
        assertThat(p.imputer().categoricalFill().get("c")).isEqualTo("b");
    }

    @Test
    void transformImputesScalesAndEncodes() {
        Table train = table(new double[] {0, 10, NA}, new int[] {0, 1, -1}, List.of("red", "blue"));
        FittedPreprocessor p = Preprocessor.fit(train, List.of("x", "c"), spec(Strategy.MEAN, Scaling.MINMAX, null));

        assertThat(p.outputNames()).containsExactly("x", "c=blue", "c=red");
        double[][] x = p.transform(train);
        assertThat(x[0]).containsExactly(0.0, 0.0, 1.0);
        assertThat(x[1]).containsExactly(1.0, 1.0, 0.0);
        assertThat(x[2]).containsExactly(0.5, 1.0, 0.0); // mean 5 -> 0.5; missing -> most frequent (tie: "blue")
    }

    @Test
    void numericColumnsAreTheImputerThenTheScalerBitForBit() {
        double[] raw = {3, NA, -1, 8, 0.25, 1e-9};
        Table train = table(raw, new int[] {0, 1, -1, 2, 1, 1}, List.of("a", "b", "c"));
        for (Scaling scaling : Scaling.values()) {
            FittedPreprocessor p = Preprocessor.fit(train, List.of("c", "x"), spec(Strategy.MEDIAN, scaling, null));
            FeatureMatrix m = p.transformColumns(train);
            assertThat(m.width()).isEqualTo(4); // c=a, c=b, c=c, x
            double[] x = m.column(3);
            for (int i = 0; i < raw.length; i++) {
                double expected = p.scaler().apply("x", p.imputer().fill("x", raw[i]));
                assertThat(Double.doubleToRawLongBits(x[i])).as("%s row %d", scaling, i)
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
            assertThat(m.column(1)).containsExactly(0, 1, 1, 0, 1, 1); // the missing row is imputed "b"
            assertThat(p.transform(train)).isDeepEqualTo(m.toRows());
        }
    }

    @Test
    void unseenCategoryEncodesAsAllZeros() {
        Table train = table(new double[] {1, 2}, new int[] {0, 1}, List.of("a", "b"));
        FittedPreprocessor p = Preprocessor.fit(train, List.of("c"), spec(Strategy.MEDIAN, Scaling.NONE, null));
        Table later = table(new double[] {1}, new int[] {0}, List.of("never-seen"));

        assertThat(p.transform(later)[0]).containsExactly(0.0, 0.0);
    }

    @Test
    void maxCategoriesFoldsRareOnesAndUnseenIntoOther() {
        // a x3, b x2, c x1, d x1: with max 3, keep a and b, fold c and d
        Table train = table(new double[7], new int[] {0, 0, 0, 1, 1, 2, 3}, List.of("a", "b", "c", "d"));
        FittedPreprocessor p = Preprocessor.fit(train, List.of("c"), spec(Strategy.MEDIAN, Scaling.NONE, 3));

        assertThat(p.outputNames()).containsExactly("c=a", "c=b", "c=<other>");
        double[][] x = p.transform(train);
        assertThat(x[5]).containsExactly(0.0, 0.0, 1.0);
        Table later = table(new double[1], new int[] {0}, List.of("zzz"));
        assertThat(p.transform(later)[0]).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void constantFillUsesTheConfiguredValues() {
        Table train = table(new double[] {1, NA}, new int[] {0, -1}, List.of("a"));
        PrepareSpec spec = new PrepareSpec(new ImputeSpec(Strategy.CONSTANT, Strategy.CONSTANT, -1.0, "unknown"), null,
                Scaling.NONE, null);
        FittedPreprocessor p = Preprocessor.fit(train, List.of("x", "c"), spec);

        assertThat(p.outputNames()).containsExactly("x", "c=a", "c=unknown");
        assertThat(p.transform(train)[1]).containsExactly(-1.0, 0.0, 1.0);
    }

    @Test
    void constantColumnIsNotDividedByZero() {
        Table train = table(new double[] {3, 3, 3}, new int[] {0, 0, 0}, List.of("a"));
        FittedPreprocessor p = Preprocessor.fit(train, List.of("x"), spec(Strategy.MEDIAN, Scaling.STANDARD, null));
        assertThat(p.transform(train)[0]).containsExactly(0.0);
    }
}
