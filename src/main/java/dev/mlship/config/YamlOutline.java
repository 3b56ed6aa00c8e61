package dev.mlship.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.mlship.config.LocationIndex.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads mlship.yaml once into the tokens that binding consumes and an index of where each key was
 * written.
 *
 * <p>Jackson's YAML parser reports an alias ({@code *name}) as a plain string holding the anchor name,
 * and never goes through SnakeYAML's composer, so the alias limit of {@link LoaderOptions} is not
 * applied by it. This reader therefore expands aliases itself, under the same limit and a cap on the
 * expanded size: an alias bomb stops at its eleventh alias instead of growing. It also finds duplicate
 * keys itself so that the message can name the full key path and both lines.
 */
final class YamlOutline {
    static final int MAX_ALIASES_FOR_COLLECTIONS = 10;
    static final int MAX_CODE_POINTS = 1024 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_TOKENS = 100_000;

    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";
    // the builder starts with no YAML parser features, unlike new YAMLFactory(): an empty value is null
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    record Outline(TokenBuffer tokens, LocationIndex index) {}

    /** One parser event, or a copy of one replayed for an alias (then without anchor, at the alias line). */
    private record Event(JsonToken token, String text, Number number, String anchor, int line) {
        Event replayedAt(int aliasLine) {
            return new Event(token, text, number, null, aliasLine);
        }

        boolean starts() {
            return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        }
    }

    private final Path file;
    private final YAMLParser parser;
    private final Deque<Event> replay = new ArrayDeque<>();
    private final List<Event> written = new ArrayList<>();
    private final Map<String, List<Event>> anchors = new HashMap<>();
    private final LocationIndex.Builder index = new LocationIndex.Builder();
    private int collectionAliases;
    /** The collection being read, for syntax errors; the value being read, for alias and tag errors. */
    private String container = "";
    private String reading = "";

    private YamlOutline(Path file, YAMLParser parser) {
        this.file = file;
        this.parser = parser;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_DEPTH);
        // duplicates are left to mapping(), which can name the key path and the first line
        return options;
    }

    static Outline read(Path file, String text) {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
            return new YamlOutline(file, parser).readDocument();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Outline readDocument() throws IOException {
        try {
            Event first = next();
            if (first == null || first.token() == JsonToken.VALUE_NULL) {
                throw error(0, "", "is empty; it needs at least name, data and model");
            }
            if (first.token() != JsonToken.START_OBJECT) {
                throw error(first.line(), "", "must be a mapping of keys (name, data, model, ...) at the top level, got "
                        + kindOf(first).noun);
            }
            value(first, "", 0);
            Event extra = next();
            if (extra != null) {
                throw error(extra.line(), "", "holds a second YAML document (after ---); mlship.yaml must hold exactly one");
            }
            return new Outline(tokens(), index.build());
        } catch (StreamConstraintsException e) {
            throw new ConfigException(ConfigMessages.format(file, parser.currentLocation().getLineNr(), container,
                    "is nested deeper than " + MAX_DEPTH + " levels"), e);
        } catch (StreamReadException e) {
            throw syntaxError(e);
        }
    }

    private void value(Event event, String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error(event.line(), path, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        int start = written.size();
        index.put(path, event.line(), kindOf(event), scalarText(event));
        write(event);
        if (event.token() == JsonToken.START_OBJECT) {
            mapping(path, depth);
        } else if (event.token() == JsonToken.START_ARRAY) {
            list(path, depth);
        }
        if (event.anchor() != null) {
            anchors.put(event.anchor(), List.copyOf(written.subList(start, written.size())));
        }
    }

    private void mapping(String path, int depth) throws IOException {
        String outer = container;
        container = path;
        Set<String> seen = new HashSet<>();
        Event key;
        while ((key = nextIn(path)) != null && key.token() == JsonToken.FIELD_NAME) {
            String name = key.text();
            String keyPath = KeyPath.child(path, name);
            if ("<<".equals(name)) {
                throw error(key.line(), path, "YAML merge keys (<<) are not supported; write the keys out");
            }
            if (!seen.add(name)) {
                throw error(key.line(), keyPath, "duplicate key; it is already set at line " + index.lineOf(keyPath));
            }
            write(key);
            Event value = required(nextIn(keyPath));
            index.put(keyPath, key.line(), kindOf(value), scalarText(value));
            value(value, keyPath, depth + 1);
        }
        write(required(key));
        container = outer;
    }

    private void list(String path, int depth) throws IOException {
        String outer = container;
        container = path;
        int i = 0;
        Event item;
        while ((item = nextIn(KeyPath.element(path, i))) != null && item.token() != JsonToken.END_ARRAY) {
            value(item, KeyPath.element(path, i++), depth + 1);
        }
        write(required(item));
        container = outer;
    }

    private Event required(Event event) {
        if (event == null) {
            throw new IllegalStateException("YAML stream ended inside a collection");
        }
        return event;
    }

    private Event nextIn(String keyPath) throws IOException {
        reading = keyPath;
        return next();
    }

    private Event next() throws IOException {
        if (!replay.isEmpty()) {
            return replay.poll();
        }
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        int line = parser.currentTokenLocation().getLineNr();
        if (parser.isCurrentAlias()) {
            return alias(parser.getText(), line);
        }
        checkTag(line);
        String anchor = parser.getObjectId();
        return switch (token) {
            case FIELD_NAME -> new Event(token, parser.currentName(), null, null, line);
            case VALUE_STRING -> new Event(token, parser.getText(), null, anchor, line);
            case VALUE_TRUE, VALUE_FALSE -> bool(token, parser.getText(), anchor, line);
            case VALUE_NUMBER_INT -> integer(parser.getText(), anchor, line);
            case VALUE_NUMBER_FLOAT -> number(parser.getText(), anchor, line);
            case VALUE_NULL -> new Event(token, parser.getText(), null, anchor, line);
            // !!binary: no key of mlship.yaml takes bytes
            case VALUE_EMBEDDED_OBJECT -> throw error(line, reading, "YAML binary values (!!binary) are not supported;"
                    + " write the value as plain text");
            default -> new Event(token, null, null, anchor, line);
        };
    }

    /** YAML 1.2 booleans only: yes/no/on/off stay text, as a class label "yes" must. */
    private static Event bool(JsonToken token, String raw, String anchor, int line) {
        return BOOLEAN_WORDS.contains(raw)
                ? new Event(token, raw, null, anchor, line)
                : new Event(JsonToken.VALUE_STRING, raw, null, anchor, line);
    }

    private Event integer(String raw, String anchor, int line) {
        try {
            return new Event(JsonToken.VALUE_NUMBER_INT, raw, parser.getNumberValue(), anchor, line);
        } catch (IOException | NumberFormatException e) {
            return new Event(JsonToken.VALUE_STRING, raw, null, anchor, line);
        }
    }

    /** Forms Java cannot read as a finite double (.inf, .nan) stay text and fail where a number is needed. */
    private static Event number(String raw, String anchor, int line) {
        try {
            double value = Double.parseDouble(raw);
            if (Double.isFinite(value)) {
                return new Event(JsonToken.VALUE_NUMBER_FLOAT, raw, value, anchor, line);
            }
        } catch (NumberFormatException e) {
            // falls through to text
        }
        return new Event(JsonToken.VALUE_STRING, raw, null, anchor, line);
    }

    private Event alias(String name, int line) {
        List<Event> recorded = anchors.get(name);
        if (recorded == null) {
            throw error(line, reading, "alias *" + name + " refers to no anchor &" + name + " defined before it");
        }
        if (recorded.getFirst().starts() && ++collectionAliases > MAX_ALIASES_FOR_COLLECTIONS) {
            throw error(line, reading, "more than " + MAX_ALIASES_FOR_COLLECTIONS
                    + " YAML aliases of lists or mappings; refused so the file cannot expand without bound");
        }
        if (written.size() + recorded.size() > MAX_TOKENS) {
            throw error(line, reading, "YAML aliases expand this file beyond " + MAX_TOKENS + " values");
        }
        for (Event e : recorded) {
            replay.add(e.replayedAt(line));
        }
        return replay.poll();
    }

    private void checkTag(int line) throws IOException {
        String tag = parser.getTypeId();
        if (tag != null && !tag.startsWith(STANDARD_TAG)) {
            throw error(line, reading, "YAML tag !" + tag + " is not supported");
        }
    }

    private void write(Event event) {
        written.add(event);
        if (written.size() > MAX_TOKENS) {
            throw error(event.line(), container, "holds more than " + MAX_TOKENS + " values");
        }
    }

    private TokenBuffer tokens() throws IOException {
        TokenBuffer out = new TokenBuffer((ObjectCodec) null, false);
        for (Event e : written) {
            switch (e.token()) {
                case START_OBJECT -> out.writeStartObject();
                case END_OBJECT -> out.writeEndObject();
                case START_ARRAY -> out.writeStartArray();
                case END_ARRAY -> out.writeEndArray();
                case FIELD_NAME -> out.writeFieldName(e.text());
                case VALUE_STRING -> out.writeString(e.text());
                case VALUE_TRUE, VALUE_FALSE -> out.writeBoolean(e.token() == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> out.writeNull();
                case VALUE_NUMBER_FLOAT -> out.writeNumber(e.number().doubleValue());
                case VALUE_NUMBER_INT -> {
                    switch (e.number()) {
                        case Integer i -> out.writeNumber(i);
                        case Long l -> out.writeNumber(l);
                        case BigInteger b -> out.writeNumber(b);
                        default -> out.writeNumber(e.number().longValue());
                    }
                }
                default -> throw new IllegalStateException("unexpected YAML token " + e.token());
            }
        }
        return out;
    }

    private static Kind kindOf(Event e) {
        return switch (e.token()) {
            case START_OBJECT -> Kind.MAPPING;
            case START_ARRAY -> Kind.LIST;
            case VALUE_NUMBER_INT -> Kind.INTEGER;
            case VALUE_NUMBER_FLOAT -> Kind.NUMBER;
            case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
            case VALUE_NULL -> Kind.NULL;
            default -> Kind.TEXT;
        };
    }

    private static String scalarText(Event e) {
        return e.token().isScalarValue() ? e.text() : null;
    }

    private ConfigException error(int line, String keyPath, String problem) {
        return new ConfigException(ConfigMessages.format(file, line, keyPath, problem));
    }

    private ConfigException syntaxError(StreamReadException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            String problem = "YAML syntax error: " + marked.getProblem();
            Mark from = marked.getContextMark();
            if (marked.getContext() != null && from != null) {
                problem += " (" + marked.getContext() + " that starts at line " + (from.getLine() + 1) + ")";
            }
            return new ConfigException(
                    ConfigMessages.format(file, at.getLine() + 1, at.getColumn() + 1, container, problem), e);
        }
        String problem = cause instanceof YAMLException y ? y.getMessage() : e.getOriginalMessage();
        if (problem != null && problem.contains("exceeds the limit")) {
            problem = "is larger than " + MAX_CODE_POINTS + " characters; mlship.yaml is limited to 1 MB";
        }
        return new ConfigException(ConfigMessages.format(file, lineOf(e), container, problem), e);
    }

    private static int lineOf(StreamReadException e) {
        return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    }
}
