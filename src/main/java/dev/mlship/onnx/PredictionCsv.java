package dev.mlship.onnx;

import dev.mlship.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Predictions as CSV, one row per input row in order: {@code label} and {@code probability_<class>} per
 * class for a classifier, {@code prediction} for a regression model. Numbers are written so they parse
 * back to the same double.
 */
public final class PredictionCsv {
    private final Scores scores;
    private final List<String> classes;

    /** @param classes class names in probability column order, or null to number them */
    public PredictionCsv(Scores scores, List<String> classes) {
        this.scores = scores;
        this.classes = classes;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        if (scores.predictions() != null) {
            sb.append("prediction\n");
            for (double v : scores.predictions()) {
                sb.append(v).append('\n');
            }
            return sb.toString();
        }
        int k = scores.probabilities().length == 0 ? (classes == null ? 0 : classes.size()) : scores.probabilities()[0].length;
        sb.append("label");
        for (int c = 0; c < k; c++) {
            sb.append(',').append(quote("probability_" + (classes != null && c < classes.size() ? classes.get(c) : c)));
        }
        sb.append('\n');
        for (int i = 0; i < scores.labels().length; i++) {
            sb.append(quote(scores.labels()[i]));
            for (double p : scores.probabilities()[i]) {
                sb.append(',').append(p);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes beside the target and moves into place, so a failure leaves no partial file. */
    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ConfigException("--out " + file + ": the folder " + parent + " does not exist");
        }
        Path staged = parent.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.writeString(staged, render(), StandardCharsets.UTF_8);
            try {
                Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** RFC 4180: quoted when the text holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
