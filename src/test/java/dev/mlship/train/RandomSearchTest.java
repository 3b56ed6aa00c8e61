package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomSearchTest {
    private static final Map<String, Object> SPACE = new LinkedHashMap<>();

    static {
        SPACE.put("shrinkage", Map.of("min", 0.001, "max", 1.0, "log", true));
        SPACE.put("max_depth", Map.of("min", 2, "max", 8));
        SPACE.put("subsample", List.of(0.5, 1.0));
    }

    private static List<Map<String, Object>> draw(long seed) {
        return RandomSearch.draw(Map.of("trees", 50), SPACE, 200, seed, name -> name.equals("max_depth"));
    }

    @Test
    void drawsAreSeededWithinTheirRangesAndTyped() {
        List<Map<String, Object>> a = draw(1);
        assertThat(a).isEqualTo(draw(1)).isNotEqualTo(draw(2));
        assertThat(a).hasSizeGreaterThan(150); // repeats are dropped, but ranges rarely repeat
        for (Map<String, Object> c : a) {
            assertThat(c).containsEntry("trees", 50);
            assertThat((Double) c.get("shrinkage")).isBetween(0.001, 1.0);
            assertThat((Integer) c.get("max_depth")).isBetween(2, 8);
            assertThat(c.get("subsample")).isIn(0.5, 1.0);
        }
    }

    @Test
    void aLogRangeSpreadsOverTheOrdersOfMagnitude() {
        long below = draw(3).stream().filter(c -> (Double) c.get("shrinkage") < 0.01).count();
        long above = draw(3).stream().filter(c -> (Double) c.get("shrinkage") > 0.1).count();
        // log-uniform over [0.001, 1]: a third of the draws per decade; uniform would give 1 % below 0.01
        assertThat(below).isGreaterThan(30);
        assertThat(above).isGreaterThan(30);
    }

    @Test
    void listsOnlyGiveTheirValuesAndDuplicatesAreDropped() {
        List<Map<String, Object>> c = RandomSearch.draw(Map.of(), Map.of("max_depth", List.of(3, 4)), 50, 1, n -> true);
        assertThat(c).containsExactlyInAnyOrder(Map.of("max_depth", 3), Map.of("max_depth", 4));
    }
}
