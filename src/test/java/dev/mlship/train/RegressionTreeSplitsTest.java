package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegressionTreeSplitsTest {
    @AfterEach
    void clear() {
        System.clearProperty(RegressionTreeSplits.PROPERTY);
    }

    @Test
    void anExactFitSeesEveryBoundaryAndPutsTheJvmsSettingBack() {
        System.setProperty(RegressionTreeSplits.PROPERTY, "300");
        String during = RegressionTreeSplits.exact(() -> System.getProperty(RegressionTreeSplits.PROPERTY));
        assertThat(Integer.parseInt(during)).as("Smile tries every boundary at 10 or fewer").isLessThanOrEqualTo(10);
        assertThat(System.getProperty(RegressionTreeSplits.PROPERTY)).isEqualTo("300");
    }

    @Test
    void aBinnedFitKeepsSmilesOwnSetting() {
        assertThat(RegressionTreeSplits.binned(() -> System.getProperty(RegressionTreeSplits.PROPERTY))).isNull();
        RegressionTreeSplits.exact(() -> null);
        assertThat(System.getProperty(RegressionTreeSplits.PROPERTY)).isNull();
    }
}
