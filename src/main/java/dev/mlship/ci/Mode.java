package dev.mlship.ci;

import dev.mlship.config.ConfigException;
import java.util.Locale;

/**
 * What a CI job does: {@code evaluate} runs the pipeline, pushes the candidate and comments;
 * {@code promote} moves the production tag; {@code run} does both; {@code auto} picks by the event.
 */
public enum Mode {
    AUTO, EVALUATE, PROMOTE, RUN;

    public static Mode parse(String text, String source) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": '" + text + "' is not a mode; use auto, evaluate, promote or run");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
