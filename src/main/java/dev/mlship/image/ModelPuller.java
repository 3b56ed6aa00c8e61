package dev.mlship.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.report.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads the model out of an image in the registry: its manifest, labels and the layer holding model.onnx. */
public final class ModelPuller {
    private ModelPuller() {}

    /** The model behind a tag, or empty when the tag does not exist (no model deployed yet). */
    public static Optional<PulledModel> pull(Registries.Repository repo, String tag) {
        Optional<Manifest> manifest = repo.client().manifest(repo.repository(), tag);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = manifest.get();
        var labels = repo.client().labels(repo.repository(), m);
        JsonNode layers = read(m.bytes()).path("layers");
        // The model layer is the last one mlship adds; look from the top down.
        for (int i = layers.size() - 1; i >= 0; i--) {
            byte[] blob = repo.client().blob(repo.repository(), layers.get(i).path("digest").asText());
            Map<String, byte[]> files = modelFiles(blob);
            if (files.containsKey("model.onnx")) {
                return Optional.of(new PulledModel(repo.reference(tag), m.digest(), files.get("model.onnx"), labels,
                        files.get("statistics.json")));
            }
        }
        throw new RemoteException(repo.reference(tag) + " holds no /models/<name>/model.onnx: it is not an mlship model image");
    }

    /** model.onnx and statistics.json of the layer's /models/NAME/ folder, by file name; empty when it has none. */
    private static Map<String, byte[]> modelFiles(byte[] layer) {
        try (InputStream raw = new ByteArrayInputStream(layer);
                InputStream in = isGzip(layer) ? new GZIPInputStream(raw) : raw;
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            Map<String, byte[]> files = new HashMap<>();
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                if (e.isFile() && name.matches("models/[^/]+/(model\\.onnx|statistics\\.json)")) {
                    files.put(name.substring(name.lastIndexOf('/') + 1), tar.readAllBytes());
                }
            }
            return files;
        } catch (IOException e) {
            throw new RemoteException("cannot read an image layer: " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new RemoteException("the registry sent a manifest that cannot be read: " + e.getMessage(), e);
        }
    }
}
