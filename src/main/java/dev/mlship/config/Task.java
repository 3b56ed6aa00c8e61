package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Task {
    CLASSIFICATION,
    REGRESSION;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
