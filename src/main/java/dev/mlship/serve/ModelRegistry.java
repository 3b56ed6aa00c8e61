package dev.mlship.serve;

import dev.mlship.config.ConfigException;
import dev.mlship.onnx.ExportException;
import dev.mlship.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The models a server answers for, by name; each loaded once into its own ONNX Runtime session. */
public final class ModelRegistry implements AutoCloseable {
    /** ONNX Runtime threads per scoring call by default: concurrency comes from concurrent requests. */
    public static final int DEFAULT_THREADS_PER_REQUEST = 1;

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final int threadsPerRequest;

    private ModelRegistry(int threadsPerRequest) {
        this.threadsPerRequest = threadsPerRequest;
    }

    /** One model file; its name is {@code name} when given, else the pipeline's name from its metadata. */
    public static ModelRegistry ofFile(Path file, String name) {
        return ofFile(file, name, DEFAULT_THREADS_PER_REQUEST);
    }

    /** As {@link #ofFile(Path, String)}, each scoring call using up to {@code threadsPerRequest} threads. */
    public static ModelRegistry ofFile(Path file, String name, int threadsPerRequest) {
        ModelRegistry r = new ModelRegistry(threadsPerRequest);
        try {
            r.add(file, name);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** Every {@code *.onnx} file below the folder (so also {@code DIR/<name>/model.onnx}). */
    public static ModelRegistry ofDirectory(Path dir) {
        return ofDirectory(dir, DEFAULT_THREADS_PER_REQUEST);
    }

    /** As {@link #ofDirectory(Path)}, each scoring call using up to {@code threadsPerRequest} threads. */
    public static ModelRegistry ofDirectory(Path dir, int threadsPerRequest) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("models folder " + dir + " does not exist or is not a folder: check --models-dir");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list models folder " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ConfigException("no *.onnx model below " + dir + ": put each model at " + dir + "/<name>/model.onnx");
        }
        ModelRegistry r = new ModelRegistry(threadsPerRequest);
        try {
            for (Path f : files) {
                r.add(f, null);
            }
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void add(Path file, String nameOverride) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("model file " + file + " does not exist: check --model");
        } catch (IOException e) {
            throw new ConfigException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        OnnxModel model;
        try {
            model = OnnxModel.of(bytes, threadsPerRequest);
        } catch (ExportException e) {
            throw new ConfigException(file + " is not an ONNX model that ONNX Runtime can load: " + firstLine(e.getMessage()), e);
        }
        String name = nameOverride != null ? nameOverride : model.metadata().get(ServedModel.NAME_KEY);
        if (name == null || name.isBlank()) {
            name = fallbackName(file);
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            model.close();
            throw new ConfigException("model name '" + name + "' of " + file
                    + " cannot be used in a URL: use letters, digits, '.', '_' and '-' (set it with --name)");
        }
        if (models.containsKey(name)) {
            model.close();
            throw new ConfigException("two models are named '" + name + "': " + models.get(name).file() + " and " + file);
        }
        models.put(name, ServedModel.of(name, sha256(bytes).substring(0, 12), file, model));
    }

    /** A model without a recorded name is named after its file, or its folder for a model.onnx. */
    private static String fallbackName(Path file) {
        String base = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        if (base.equals("model") && file.toAbsolutePath().getParent() != null
                && file.toAbsolutePath().getParent().getFileName() != null) {
            return file.toAbsolutePath().getParent().getFileName().toString();
        }
        return base;
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model of that name, or null. */
    public ServedModel get(String name) {
        return models.get(name);
    }

    public Collection<ServedModel> all() {
        return List.copyOf(models.values());
    }

    public List<String> names() {
        return new ArrayList<>(models.keySet());
    }

    /**
     * Refuses new scoring calls; each session closes as soon as no request is scoring on it (see
     * {@link SharedSession}). {@link #awaitClosed(Duration)} waits for that.
     */
    @Override
    public void close() {
        models.values().forEach(m -> m.session().close());
    }

    /**
     * After {@link #close()}: waits up to {@code timeout} until every session is closed; true if they are.
     * The process must not exit while a request is still inside ONNX Runtime.
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServedModel m : models.values()) {
            if (!m.session().awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }
}
