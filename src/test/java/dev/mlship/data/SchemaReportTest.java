package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaReportTest {
    private static Dataset dataset(Column... columns) {
        return new Dataset(Path.of("data/x.csv"), new Table(List.of(columns), columns[0].size()), "abc123", 99, ';');
    }

    private static CategoricalColumn categorical(String name, String... values) {
        List<String> levels = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = CategoricalColumn.MISSING;
                continue;
            }
            if (!levels.contains(values[i])) {
                levels.add(values[i]);
            }
            codes[i] = levels.indexOf(values[i]);
        }
        return new CategoricalColumn(name, ColumnType.CATEGORICAL, codes, levels);
    }

    @Test
    void numericSummaryOfAKnownColumn() {
        Dataset data = dataset(new NumericColumn("x", new double[] {2, 4, Double.NaN, 4, 4, 5, 5, 7, 9}),
                categorical("y", "a", "b", "a", "a", "b", "c", null, "a", "a"));
        SchemaReport report = SchemaReport.of(data, "y", null);
        assertThat(report.rows()).isEqualTo(9);
        assertThat(report.sha256()).isEqualTo("abc123");
        assertThat(report.delimiter()).isEqualTo(";");
        SchemaReport.ColumnReport x = report.columns().get(0);
        assertThat(x.type()).isEqualTo("numeric");
        assertThat(x.role()).isEqualTo("feature");
        assertThat(x.count()).isEqualTo(8);
        assertThat(x.missing()).isEqualTo(1);
        assertThat(x.distinct()).isEqualTo(5);
        // 2,4,4,4,5,5,7,9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7
        assertThat(x.numeric()).isEqualTo(new SchemaReport.NumericSummary(2.0, 9.0, 5.0, Math.sqrt(32.0 / 7)));
        assertThat(x.categories()).isNull();
    }

    @Test
    void categoryCountsSortedByCountThenValue() {
        Dataset data = dataset(categorical("c", "b", "a", "c", "a", "b", "d", null, "a"));
        SchemaReport.ColumnReport c = SchemaReport.of(data, null, null).columns().get(0);
        assertThat(c.type()).isEqualTo("categorical");
        assertThat(c.count()).isEqualTo(7);
        assertThat(c.missing()).isEqualTo(1);
        assertThat(c.distinct()).isEqualTo(4);
        assertThat(c.categories()).containsExactly(new SchemaReport.CategoryCount("a", 3),
                new SchemaReport.CategoryCount("b", 2), new SchemaReport.CategoryCount("c", 1),
                new SchemaReport.CategoryCount("d", 1));
        assertThat(c.otherCount()).isZero();
        assertThat(c.numeric()).isNull();
    }

    @Test
    void categoriesAreCappedWithTheRestCounted() {
        String[] values = new String[130];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 20 ? "common" : String.format("v%03d", i);
        }
        SchemaReport.ColumnReport c = SchemaReport.of(dataset(categorical("c", values)), null, null).columns().get(0);
        assertThat(c.categories()).hasSize(SchemaReport.MAX_CATEGORIES);
        assertThat(c.categories().getFirst()).isEqualTo(new SchemaReport.CategoryCount("common", 20));
        assertThat(c.categories().get(1).value()).isEqualTo("v020");
        assertThat(c.otherCount()).isEqualTo(11); // 111 distinct values, 100 listed
        assertThat(c.distinct()).isEqualTo(111);
    }

    @Test
    void rolesAndAllMissingColumns() {
        Dataset data = dataset(new NumericColumn("a", new double[] {1, 2}),
                new NumericColumn("b", new double[] {Double.NaN, Double.NaN}),
                new NumericColumn("one", new double[] {3, Double.NaN}),
                new CategoricalColumn("y", ColumnType.BOOLEAN, new int[] {0, 1}, List.of("yes", "no")));
        SchemaReport report = SchemaReport.of(data, "y", List.of("b", "one"));
        assertThat(report.columns()).extracting(SchemaReport.ColumnReport::role)
                .containsExactly("ignored", "feature", "feature", "label");
        assertThat(report.columns().get(3).type()).isEqualTo("boolean");
        SchemaReport.NumericSummary empty = report.columns().get(1).numeric();
        assertThat(empty).isEqualTo(new SchemaReport.NumericSummary(null, null, null, null));
        assertThat(report.columns().get(1).count()).isZero();
        assertThat(report.columns().get(2).numeric()).isEqualTo(new SchemaReport.NumericSummary(3.0, 3.0, 3.0, null));
    }

    @Test
    void unknownLabelOrFeatureIsADataError() {
        Dataset data = dataset(new NumericColumn("a", new double[] {1}));
        assertThatThrownBy(() -> SchemaReport.of(data, "target", null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data.label")
                .hasMessageContaining("'target'")
                .hasMessageContaining("data/x.csv");
        assertThatThrownBy(() -> SchemaReport.of(data, null, List.of("zz")))
                .hasMessageContaining("data.features");
    }

    @Test
    void serialisesWithSnakeCaseOtherCountAndNoEmptySections() throws Exception {
        Dataset data = dataset(new NumericColumn("x", new double[] {1, 2}), categorical("c", "p", "q"));
        JsonNode json = new ObjectMapper().valueToTree(SchemaReport.of(data, "c", null));
        JsonNode x = json.get("columns").get(0);
        JsonNode c = json.get("columns").get(1);
        assertThat(x.has("categories")).isFalse();
        assertThat(x.get("numeric").get("mean").asDouble()).isEqualTo(1.5);
        assertThat(c.has("numeric")).isFalse();
        assertThat(c.get("other_count").asLong()).isZero();
        assertThat(c.get("categories").get(0).get("value").asText()).isEqualTo("p");
        assertThat(json.get("rows").asInt()).isEqualTo(2);
    }
}
