package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlship.config.LocationIndex.Entry;
import dev.mlship.config.LocationIndex.Kind;
import dev.mlship.data.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds the tokens of mlship.yaml to {@link PipelineSpec} and turns each Jackson failure into one
 * line that names the file, the line, the key and what is allowed there.
 *
 * <p>Types are strict in one direction: text is never read as a number or a boolean ("0.2" is not
 * 0.2), and a decimal is never truncated to an integer. The other way, a YAML number or boolean where
 * text is expected is taken as written, because {@code positive_class: 1} or {@code missing: [-999]}
 * name values of the data, which YAML cannot know are text.
 */
final class SpecBinder {
    /** ColumnType lives with the data code and has no Jackson annotation; its ids are its lower-case names. */
    abstract static class ColumnTypeIds {
        @JsonValue
        abstract String id();
    }

    private static final ObjectReader READER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .addMixIn(ColumnType.class, ColumnTypeIds.class)
            .build()
            .readerFor(PipelineSpec.class);

    private SpecBinder() {}

    static PipelineSpec bind(Path file, YamlOutline.Outline outline) {
        try {
            return READER.readValue(outline.tokens().asParser());
        } catch (JsonMappingException e) {
            throw translate(file, outline.index(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigException translate(Path file, LocationIndex index, JsonMappingException e) {
        String keyPath = keyPath(e.getPath());
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = unknownKey(keyPath, YamlNames.keysOf(unknown.getReferringClass()), unknown.getPropertyName());
        } else if (e instanceof InvalidNullException) {
            problem = "has no value; give one or remove the entry";
        } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String given = String.valueOf(invalid.getValue());
            String asKey = KeyPath.child(keyPath, given);
            Entry entry = index.entry(keyPath);
            if (entry != null && entry.kind() == Kind.MAPPING && index.contains(asKey)) {
                keyPath = asKey;
            }
            problem = unknownValue(invalid.getTargetType(), given);
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "expected " + expected(mismatch.getTargetType()) + ", got " + got(index, keyPath, mismatch.getTargetType());
        } else if (e.getCause() instanceof InputCoercionException range && range.getTargetType() != null) {
            problem = "expected " + expected(range.getTargetType()) + ", got " + index.shown(keyPath, "?") + ", which is out of range";
        } else {
            problem = ConfigMessages.oneLine(e.getOriginalMessage());
        }
        return new ConfigException(ConfigMessages.format(file, index.nearestLine(keyPath), keyPath, problem), e);
    }

    static String unknownKey(String keyPath, Collection<String> allowed, String given) {
        String section = KeyPath.parent(keyPath);
        return "unknown key" + YamlNames.didYouMean(given, allowed) + "; allowed keys "
                + (section.isEmpty() ? "at the top level" : "in " + section) + ": " + String.join(", ", allowed);
    }

    private static String unknownValue(Class<?> enumType, String given) {
        List<String> allowed = YamlNames.idsOf(enumType);
        return "unknown " + noun(enumType) + " \"" + given + "\"" + YamlNames.didYouMean(given, allowed)
                + "; allowed: " + String.join(", ", allowed);
    }

    private static String noun(Class<?> enumType) {
        if (enumType == Task.class) {
            return "task";
        } else if (enumType == AlgorithmName.class) {
            return "algorithm";
        } else if (enumType == MetricName.class) {
            return "metric";
        } else if (enumType == PrepareSpec.Strategy.class) {
            return "impute strategy";
        } else if (enumType == PrepareSpec.Encoding.class) {
            return "encoding";
        } else if (enumType == PrepareSpec.Scaling.class) {
            return "scaling";
        } else if (enumType == ColumnType.class) {
            return "column type";
        } else if (enumType == ModelSpec.SearchSpec.Method.class) {
            return "search method";
        }
        return "value";
    }

    static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        } else if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == String.class) {
            return "text";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        } else if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        } else if (type.isRecord()) {
            return "a mapping with keys " + String.join(", ", YamlNames.keysOf(type));
        } else if (type.isEnum()) {
            return "one of " + String.join(", ", YamlNames.idsOf(type));
        }
        return "a value";
    }

    private static String got(LocationIndex index, String keyPath, Class<?> target) {
        Entry entry = index.entry(keyPath);
        if (entry == null) {
            return "something else";
        }
        return switch (entry.kind()) {
            case MAPPING, LIST, NULL -> entry.kind().noun;
            case TEXT -> "the text \"" + entry.text() + "\"" + (quotedNumber(entry.text(), target) ? " (write numbers without quotes)" : "");
            case INTEGER, NUMBER, BOOLEAN -> entry.text();
        };
    }

    private static boolean quotedNumber(String text, Class<?> target) {
        if (!Number.class.isAssignableFrom(target) && !target.isPrimitive()) {
            return false;
        }
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String keyPath(List<JsonMappingException.Reference> references) {
        String path = "";
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path = KeyPath.child(path, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path = KeyPath.element(path, r.getIndex());
            }
        }
        return path;
    }
}
