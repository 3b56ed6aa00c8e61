package dev.mlship.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where each key of mlship.yaml was written: key path to line, plus what kind of value stood there
 * and its text, so that messages can quote what the user wrote rather than a re-rendering of it.
 */
public final class LocationIndex {
    public static final LocationIndex EMPTY = new LocationIndex(Map.of());

    /** What a YAML value was, before binding gave it a Java type. */
    enum Kind {
        MAPPING("a mapping"),
        LIST("a list"),
        TEXT("text"),
        INTEGER("an integer"),
        NUMBER("a number"),
        BOOLEAN("a boolean"),
        NULL("nothing");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    record Entry(int line, Kind kind, String text) {}

    private final Map<String, Entry> entries;

    LocationIndex(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** The line of exactly this key path, if it was written in the file. */
    public OptionalInt line(String keyPath) {
        Entry e = entries.get(keyPath);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.line());
    }

    /**
     * The line of this key path or, when it was not written (a missing required key, a value derived
     * from a default), of the closest enclosing key that was; 0 when there is none.
     */
    public int nearestLine(String keyPath) {
        String path = keyPath;
        while (true) {
            Entry e = entries.get(path);
            if (e != null) {
                return e.line();
            }
            if (path.isEmpty()) {
                return 0;
            }
            path = KeyPath.parent(path);
        }
    }

    public boolean contains(String keyPath) {
        return entries.containsKey(keyPath);
    }

    Entry entry(String keyPath) {
        return entries.get(keyPath);
    }

    /** The value as written, for messages: text quoted, anything else as it appeared. */
    String shown(String keyPath, Object fallback) {
        Entry e = entries.get(keyPath);
        if (e == null) {
            return fallback instanceof String s ? "\"" + s + "\"" : String.valueOf(fallback);
        }
        return switch (e.kind()) {
            case MAPPING, LIST -> e.kind().noun;
            case TEXT -> "\"" + e.text() + "\"";
            default -> e.text();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocationIndex other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    @Override
    public String toString() {
        return "LocationIndex" + new LinkedHashMap<>(entries).keySet();
    }

    /** Collects entries while the file is read; the first write of a path wins. */
    static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        void put(String keyPath, int line, Kind kind, String text) {
            entries.putIfAbsent(keyPath, new Entry(line, kind, text));
        }

        int lineOf(String keyPath) {
            Entry e = entries.get(keyPath);
            return e == null ? 0 : e.line();
        }

        LocationIndex build() {
            return new LocationIndex(entries);
        }
    }
}
