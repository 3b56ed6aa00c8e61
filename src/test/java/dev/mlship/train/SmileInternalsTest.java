package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import org.junit.jupiter.api.Test;

class SmileInternalsTest {
    /** Stands in for a future Smile model whose private fields were renamed. */
    static final class ReshapedBooster {
        final double intercept = 1.0;
        final float shrinkage = 0.1f;
    }

    @Test
    void aRenamedFieldFailsExportWithAClearMessage() {
        assertThatThrownBy(() -> SmileInternals.readDouble(ReshapedBooster.class, "b", new ReshapedBooster()))
                .isInstanceOfSatisfying(MlshipException.class, e -> org.assertj.core.api.Assertions.assertThat(e.exitCode())
                        .isEqualTo(ExitCode.PARITY))
                .hasMessageContaining("ReshapedBooster.b no longer exists")
                .hasMessageContaining("not supported by the ONNX exporter");
    }

    @Test
    void aRetypedFieldFailsExportWithAClearMessage() {
        assertThatThrownBy(() -> SmileInternals.readDouble(ReshapedBooster.class, "shrinkage", new ReshapedBooster()))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("ReshapedBooster.shrinkage is now float");
    }
}
