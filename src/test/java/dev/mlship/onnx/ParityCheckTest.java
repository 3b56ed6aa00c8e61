package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(p.maxAbsDiff()).isBetween(3.9e-7, 4.1e-7);
    }

    @Test
    void aDifferentLabelStopsTheRunNamingTheRowAndBothOutputs() {
        Scores onnx = new Scores(new String[] {"good", "good"}, SMILE.probabilities(), null);
        assertThatThrownBy(() -> ParityCheck.compare(SMILE, onnx, CLASSES))
                .isInstanceOfSatisfying(ExportException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PARITY))
                .hasMessageContaining("test row 1").hasMessageContaining("label bad in the trained model, good in ONNX Runtime");
    }

    @Test
    void aProbabilityBeyondToleranceStopsTheRun() {
        Scores onnx = new Scores(new String[] {"good", "bad"}, new double[][] {{0.9, 0.1}, {0.3, 0.7 + 2e-6}}, null);
        assertThatThrownBy(() -> ParityCheck.compare(SMILE, onnx, CLASSES)).hasMessageContaining("probability of bad");
    }

    @Test
    void aRegressionOutputBeyondToleranceStopsTheRun() {
        Predictions.Values smile = new Predictions.Values(new double[] {1e9, 2});
        assertThat(ParityCheck.compare(smile, new Scores(null, null, new double[] {1e9, 2}), null).maxAbsDiff()).isZero();
        assertThatThrownBy(() -> ParityCheck.compare(smile, new Scores(null, null, new double[] {1e9 + 1e-5, 2}), null))
                .hasMessageContaining("test row 0").hasMessageContaining("prediction");
    }
}
