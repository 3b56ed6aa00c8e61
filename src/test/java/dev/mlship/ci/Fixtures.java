package dev.mlship.ci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * API bodies shaped as GitHub's and GitLab's docs show them (src/test/resources/forges), with
 * {@code ${name}} placeholders filled per test.
 */
public final class Fixtures {
    private Fixtures() {}

    public static String load(String path, Map<String, String> values) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/forges/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var e : values.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            if (text.contains("${")) {
                throw new IllegalArgumentException(path + ": a placeholder was left unfilled: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal. */
    public static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    /** A GitHub issue comment. */
    public static String githubComment(long id, String body, String login, String type) {
        return load("github/comment.json", Map.of("id", Long.toString(id), "body", quoted(body), "login", login,
                "user_id", Long.toString(1000 + id), "user_type", type,
                "association", type.equals("Bot") ? "NONE" : "MEMBER"));
    }

    /** A GitLab merge request note. */
    public static String gitlabNote(long id, String body, long userId, String username, boolean system) {
        return load("gitlab/note.json", Map.of("id", Long.toString(id), "body", quoted(body), "user_id", Long.toString(userId),
                "username", username, "system", Boolean.toString(system)));
    }

    public static String array(String... items) {
        return "[" + String.join(",\n", items) + "]";
    }
}
