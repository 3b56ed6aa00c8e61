package dev.mlship.config;

import java.nio.file.Path;

/** The one-line shape of every config error: {@code FILE line N, KEY: PROBLEM}. */
final class ConfigMessages {
    private ConfigMessages() {}

    static String format(Path file, int line, String keyPath, String problem) {
        return format(file, line, 0, keyPath, problem);
    }

    static String format(Path file, int line, int column, String keyPath, String problem) {
        return where(file, line, column, keyPath) + ": " + oneLine(problem);
    }

    /** {@code FILE line N, column C, KEY}, leaving out what is unknown. */
    static String where(Path file, int line, int column, String keyPath) {
        StringBuilder out = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            out.append(" line ").append(line);
            if (column > 0) {
                out.append(", column ").append(column);
            }
        }
        if (keyPath != null && !keyPath.isEmpty()) {
            out.append(", ").append(keyPath);
        }
        return out.toString();
    }

    /** Parser messages can span lines; the contract is one line per error. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
