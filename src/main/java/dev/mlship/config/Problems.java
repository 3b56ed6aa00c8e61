package dev.mlship.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in one config, each tied to a key path, reported in file order. */
final class Problems {
    record Problem(String keyPath, String message) {}

    private final LocationIndex at;
    private final List<Problem> found = new ArrayList<>();

    Problems(LocationIndex at) {
        this.at = at;
    }

    void add(String keyPath, String message) {
        found.add(new Problem(keyPath, message));
    }

    /** The value as the user wrote it, for "got ..." in messages. */
    String shown(String keyPath, Object value) {
        return at.shown(keyPath, value);
    }

    List<Problem> inFileOrder() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(p -> at.nearestLine(p.keyPath())));
        return sorted;
    }
}
