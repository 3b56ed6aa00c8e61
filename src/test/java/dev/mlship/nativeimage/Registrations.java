package dev.mlship.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What the project declares for a native image: reachability-metadata.json (reflection, JNI, foreign
 * downcalls) and the resources listed in {@code quarkus.native.resources.includes}, as read from the
 * classpath the build packages.
 */
final class Registrations {
    static final String METADATA = "/META-INF/native-image/dev.mlship/mlship/reachability-metadata.json";

    final Map<String, JsonNode> reflection;
    final Map<String, JsonNode> jni;
    final Set<SmileDowncalls.Downcall> downcalls = new LinkedHashSet<>();
    final Set<SmileDowncalls.Downcall> upcalls = new LinkedHashSet<>();
    final List<String> resourceGlobs;

    private Registrations(JsonNode metadata, Properties application) {
        reflection = byType(metadata.path("reflection"));
        jni = byType(metadata.path("jni"));
        readSignatures(metadata.path("foreign").path("downcalls"), downcalls);
        readSignatures(metadata.path("foreign").path("upcalls"), upcalls);
        String includes = application.getProperty("quarkus.native.resources.includes", "");
        resourceGlobs = Arrays.stream(includes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void readSignatures(JsonNode list, Set<SmileDowncalls.Downcall> into) {
        for (JsonNode d : list) {
            List<String> parameters = new ArrayList<>();
            d.path("parameterTypes").forEach(p -> parameters.add(p.asText()));
            into.add(new SmileDowncalls.Downcall(d.path("returnType").asText(), parameters));
        }
    }

    static Registrations load() {
        try (InputStream metadata = Registrations.class.getResourceAsStream(METADATA);
                InputStream properties = Registrations.class.getResourceAsStream("/application.properties")) {
            if (metadata == null || properties == null) {
                throw new IllegalStateException("missing on the classpath: " + METADATA + " or application.properties");
            }
            Properties application = new Properties();
            application.load(properties);
            return new Registrations(new ObjectMapper().readTree(metadata), application);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registered with every declared field, method and constructor: what Jackson needs of a type. */
    boolean fullyReflective(String type) {
        JsonNode entry = reflection.get(type);
        return entry != null && entry.path("allDeclaredFields").asBoolean() && entry.path("allDeclaredMethods").asBoolean()
                && entry.path("allDeclaredConstructors").asBoolean();
    }

    /** A method registered by name (any parameters), or all declared methods of its type. */
    boolean methodReflective(String type, String method) {
        return memberReflective(type, "allDeclaredMethods", "methods", method);
    }

    boolean fieldReflective(String type, String field) {
        return memberReflective(type, "allDeclaredFields", "fields", field);
    }

    private boolean memberReflective(String type, String allFlag, String list, String name) {
        JsonNode entry = reflection.get(type);
        if (entry == null) {
            return false;
        }
        if (entry.path(allFlag).asBoolean()) {
            return true;
        }
        for (JsonNode member : entry.path(list)) {
            if (member.path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a resource (a path inside the classpath, without a leading slash) goes into the image. */
    boolean includesResource(String name) {
        Path path = Path.of(name);
        for (String glob : resourceGlobs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, JsonNode> byType(JsonNode entries) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (JsonNode e : entries) {
            map.put(e.path("type").asText(), e);
        }
        return map;
    }
}
