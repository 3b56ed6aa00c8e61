package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names users write in mlship.yaml, derived from the Java types the file binds to, so that error
 * messages and the JSON Schema checks list exactly what the loader accepts.
 */
final class YamlNames {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private YamlNames() {}

    /** The keys of a section, in declaration order: snake_case component names or their explicit names. */
    static List<String> keysOf(Class<?> record) {
        if (!record.isRecord()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            keys.add(keyOf(c));
        }
        return keys;
    }

    static String keyOf(RecordComponent component) {
        JsonProperty explicit = component.getAnnotation(JsonProperty.class);
        if (explicit == null && component.getAccessor().getAnnotation(JsonProperty.class) != null) {
            explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return SNAKE.translate(component.getName());
    }

    /** The values of an enum as written in the file (its lower-case ids). */
    static List<String> idsOf(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> id((Enum<?>) c)).toList();
    }

    static String id(Enum<?> value) {
        try {
            return (String) value.getDeclaringClass().getMethod("id").invoke(value);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }

    static String ids(Collection<? extends Enum<?>> values) {
        return String.join(", ", values.stream().map(YamlNames::id).toList());
    }

    /** " (did you mean x?)" when one allowed name is a likely typo of the given one, else "". */
    static String didYouMean(String given, Collection<String> allowed) {
        return Typos.closest(given, allowed).map(best -> " (did you mean " + best + "?)").orElse("");
    }
}
