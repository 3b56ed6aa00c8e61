package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import smile.classification.PlattScaling;

/**
 * Smile's Platt scaling logs "Line search fails." at error level when its Newton steps stop early (decision
 * values far from 0). Through Quarkus's console format that became a bare, unprefixed line in a run's output;
 * the svm trainer silences it like other library chatter.
 */
class PlattScalingChatterTest {
    @Test
    void plattScalingLogsNothingOnceTheSvmTrainerIsLoaded() {
        SvmTrainer.silenceLibraryLogs();
        List<String> seen = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getLoggerName() + ": " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            // Scores a million apart: the line search gives up, which Smile reports at error level.
            SplittableRandom r = new SplittableRandom(1);
            double[] scores = new double[200];
            int[] y = new int[200];
            for (int i = 0; i < y.length; i++) {
                y[i] = i % 2 == 0 ? 1 : -1;
                scores[i] = 1e6 * (y[i] + 0.01 * r.nextGaussian());
            }
            PlattScaling.fit(scores, y);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(seen).noneMatch(s -> s.contains("Line search"));
    }
}
