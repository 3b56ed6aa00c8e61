package dev.mlship.config;

import java.util.regex.Pattern;

/**
 * Key paths name a place in mlship.yaml the way users read it: {@code model.params.max_depth},
 * {@code data.features[2]}, {@code data.types["unit price"]}. Keys that are not plain words are quoted
 * so that a path stays unambiguous and its parent can be found again.
 */
public final class KeyPath {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    private KeyPath() {}

    public static String child(String parent, String key) {
        String segment = PLAIN.matcher(key).matches()
                ? key
                : "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        if (parent.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }

    public static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path, "" for a top-level key and for "" itself. */
    public static String parent(String path) {
        if (path.endsWith("]")) {
            int open = openingBracket(path);
            if (open >= 0) {
                return path.substring(0, open);
            }
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** Where the trailing [..] segment opens, skipping brackets inside a quoted key; -1 if malformed. */
    private static int openingBracket(String path) {
        int end = path.length() - 1;
        if (end >= 1 && path.charAt(end - 1) == '"') {
            for (int i = end - 2; i >= 1; i--) {
                if (path.charAt(i) == '"' && path.charAt(i - 1) == '[' && !escaped(path, i)) {
                    return i - 1;
                }
            }
            return -1;
        }
        return path.lastIndexOf('[');
    }

    private static boolean escaped(String path, int quote) {
        int slashes = 0;
        for (int i = quote - 1; i >= 0 && path.charAt(i) == '\\'; i--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }
}
