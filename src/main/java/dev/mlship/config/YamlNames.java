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
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = given.toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerated = Math.max(1, Math.min(3, given.length() / 3));
        return best != null && bestDistance <= tolerated ? " (did you mean " + best + "?)" : "";
    }

    /** Edit distance counting an adjacent swap as one edit, the commonest typo. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
