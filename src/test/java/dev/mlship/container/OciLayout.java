package dev.mlship.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image in an OCI image layout tar, unpacked into a folder: its manifest digest, its layers in order
 * and the configuration a runtime starts it with (environment, entrypoint, command, labels, user).
 */
record OciLayout(Path dir, String digest, List<Layer> layers, JsonNode config) {
    record Layer(String digest, long size, Path blob) {}

    static OciLayout unpack(Path tar, Path into) throws IOException {
        Files.createDirectories(into);
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the layout: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(into.resolve("index.json").toFile());
        String digest = index.at("/manifests/0/digest").asText();
        JsonNode manifest = json.readTree(blob(into, digest).toFile());
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            String d = layer.path("digest").asText();
            layers.add(new Layer(d, layer.path("size").asLong(), blob(into, d)));
        }
        JsonNode config = json.readTree(blob(into, manifest.at("/config/digest").asText()).toFile());
        return new OciLayout(into, digest, List.copyOf(layers), config);
    }

    static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** Env of the image's configuration, as the runtime sets it. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode kv : config.at("/config/Env")) {
            String s = kv.asText();
            env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        return env;
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        config.at("/config/Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        return entrypoint;
    }

    String label(String name) {
        return config.at("/config/Labels").path(name).asText(null);
    }

    /** The bytes of a layer once gunzipped: its size on a runner's disk. */
    static long uncompressedSize(Path blob) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(blob), 1 << 16)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
