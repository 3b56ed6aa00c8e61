package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlship.ExitCode;
import dev.mlship.evaluate.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParityCheckTest {
    private static final List<String> CLASSES = List.of("good", "bad");
    private static final Predictions.Classes SMILE =
            new Predictions.Classes(new int[] {0, 1}, new double[][] {{0.9, 0.1}, {0.3, 0.7}});

    @Test
    void agreementWithinToleranceIsRecorded() {
        Scores onnx = new Scores(new String[] {"good", "bad"}, new double[][] {{0.9, 0.1}, {0.3 + 4e-7, 0.7 - 4e-7}}, null);
        Parity p = ParityCheck.compare(SMILE, onnx, CLASSES);
        assertThat(p.rows()).isEqualTo(2);
        assertThat(p.labelAgreement()).isEqualTo(1.0);
        assertThat(p.ties()).isEmpty();
        assertThat(p.maxAbsDiff()).isCloseTo(4e-7, within(1e-12));
        assertThat(p.maxRelDiff()).isCloseTo(4e-7, within(1e-12)); // probabilities: max(1, |p|) is 1
    }

    @Test
    void aDifferentLabelStopsTheRunNamingTheRowAndBothOutputs() {
        Scores onnx = new Scores(new String[] {"good", "good"}, SMILE.probabilities(), null);
        assertThatThrownBy(() -> ParityCheck.compare(SMILE, onnx, CLASSES))
                .isInstanceOfSatisfying(ExportException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PARITY))
                .hasMessageContaining("test row 1")
                .hasMessageContaining("label bad in the trained model, good in ONNX Runtime")
                .hasMessageContaining("scores them 0.70000000000000000 and 0.30000000000000000: not a tie within 1e-06");
    }

    @Test
    void aLabelThatDiffersOnATieIsCountedListedAndPasses() {
        // Rows 1 and 3: the trained model scores both classes equal within 1e-12; ONNX Runtime breaks it the other way.
        Predictions.Classes trained = new Predictions.Classes(new int[] {0, 1, 0, 0},
                new double[][] {{0.9, 0.1}, {0.5 - 5e-13, 0.5 + 5e-13}, {0.2 + 0.6, 0.2}, {0.5, 0.5}});
        Scores onnx = new Scores(new String[] {"good", "good", "good", "bad"},
                new double[][] {{0.9, 0.1}, {0.5 + 1e-16, 0.5 - 1e-16}, {0.8, 0.2}, {0.5 - 1e-16, 0.5 + 1e-16}}, null);
        Parity p = ParityCheck.compare(trained, onnx, CLASSES);
        assertThat(p.ties()).containsExactly(1, 3);
        assertThat(p.tieCount()).isEqualTo(2);
        assertThat(p.labelAgreement()).isEqualTo(0.5);
        assertThat(p.summary()).contains("labels agree on 50.00 % (2 ties broken the other way)");
    }

    @Test
    void aLabelThatDiffersJustBeyondTheToleranceIsNoTie() {
        Predictions.Classes trained = new Predictions.Classes(new int[] {1}, new double[][] {{0.5 - 1e-6, 0.5 + 1e-6}});
        Scores onnx = new Scores(new String[] {"good"}, new double[][] {{0.5 - 1e-6, 0.5 + 1e-6}}, null);
        assertThatThrownBy(() -> ParityCheck.compare(trained, onnx, CLASSES))
                .isInstanceOfSatisfying(ExportException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PARITY))
                .hasMessageContaining("test row 0").hasMessageContaining("not a tie");
    }

    @Test
    void aLabelOutsideTheClassesIsNeverATie() {
        Scores onnx = new Scores(new String[] {"good", "ugly"}, SMILE.probabilities(), null);
        assertThatThrownBy(() -> ParityCheck.compare(SMILE, onnx, CLASSES))
                .hasMessageContaining("label bad in the trained model, ugly in ONNX Runtime");
    }

    @Test
    void aProbabilityBeyondToleranceStopsTheRun() {
        Scores onnx = new Scores(new String[] {"good", "bad"}, new double[][] {{0.9, 0.1}, {0.3, 0.7 + 2e-6}}, null);
        assertThatThrownBy(() -> ParityCheck.compare(SMILE, onnx, CLASSES)).hasMessageContaining("probability of bad");
    }

    @Test
    void regressionOutputsAreComparedRelativeToTheirSize() {
        // At 9.4e9 one ulp is 1.9e-6: a sum rounded another way must pass; below 1 the bound is absolute.
        double big = 9368275353.3404400;
        Predictions.Values trained = new Predictions.Values(new double[] {big, 0.25, -2e11});
        Parity p = ParityCheck.compare(trained,
                new Scores(null, null, new double[] {Math.nextDown(big), 0.25 + 9e-7, -2e11 + 0.15}), null);
        assertThat(p.maxAbsDiff()).isCloseTo(0.15, within(1e-4)); // -2e11 + 0.15 rounds to a multiple of 2^-14
        assertThat(p.maxRelDiff()).isCloseTo(9e-7, within(1e-12));
        assertThat(p.ties()).isEmpty();

        assertThatThrownBy(() -> ParityCheck.compare(trained,
                new Scores(null, null, new double[] {big + big * 2e-6, 0.25, -2e11}), null))
                .hasMessageContaining("test row 0").hasMessageContaining("prediction 9368275353.34044");
        assertThatThrownBy(() -> ParityCheck.compare(trained, new Scores(null, null, new double[] {big, 0.25 + 2e-6, -2e11}), null))
                .hasMessageContaining("test row 1");
        assertThatThrownBy(() -> ParityCheck.compare(trained, new Scores(null, null, new double[] {big, Double.NaN, -2e11}), null))
                .hasMessageContaining("test row 1");
    }

    @Test
    void aSampleIsComparedRowByRowAndNamedByItsTestRows() {
        // ONNX Runtime scored test rows 1 and 3 of four; row 3's labels differ on a tie and is listed as row 3.
        Predictions.Classes trained = new Predictions.Classes(new int[] {0, 1, 0, 0},
                new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.8, 0.2}, {0.5, 0.5}});
        Scores onnx = new Scores(new String[] {"bad", "bad"}, new double[][] {{0.3, 0.7}, {0.5 - 1e-16, 0.5 + 1e-16}}, null);
        Parity p = ParityCheck.compare(trained, onnx, CLASSES, new int[] {1, 3});
        assertThat(p.rows()).isEqualTo(2);
        assertThat(p.testRows()).isEqualTo(4);
        assertThat(p.sampled()).isTrue();
        assertThat(p.ties()).containsExactly(3);

        Scores wrong = new Scores(new String[] {"bad", "good"}, new double[][] {{0.3, 0.7}, {0.7, 0.3}}, null);
        assertThatThrownBy(() -> ParityCheck.compare(trained, wrong, CLASSES, new int[] {1, 3}))
                .isInstanceOf(ExportException.class).hasMessageContaining("test row 3");
    }

    @Test
    void aSmallSplitIsCheckedWholeAndALargeOneOnASeededSample() {
        assertThat(ParitySample.rows(ParitySample.MAX_ROWS, 7)).hasSize(ParitySample.MAX_ROWS).startsWith(0, 1, 2);
        int[] sample = ParitySample.rows(40_000, 7);
        assertThat(sample).hasSize(ParitySample.MAX_ROWS).isSorted().doesNotHaveDuplicates();
        assertThat(sample[sample.length - 1]).isLessThan(40_000).isGreaterThan(30_000); // spread over the split
        assertThat(ParitySample.rows(40_000, 7)).isEqualTo(sample);
        assertThat(ParitySample.rows(40_000, 8)).isNotEqualTo(sample);
    }
}
