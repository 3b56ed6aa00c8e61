package dev.mlship.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets ONNX Runtime load its native libraries from a folder on disk. Without this it copies them
 * (about 22 MB) out of its jar, or out of a native executable, into the temporary folder on every
 * start. The container images install the libraries and name their folder in
 * {@code MLSHIP_NATIVE_LIB_DIR}; an explicit {@code -Donnxruntime.native.path} still wins.
 */
final class OnnxRuntimeLibraries {
    static final String ENV = "MLSHIP_NATIVE_LIB_DIR";
    static final String PROPERTY = "onnxruntime.native.path";

    private OnnxRuntimeLibraries() {}

    static {
        preferInstalled(System.getenv(ENV));
    }

    /** Runs once, before the first ONNX Runtime call: {@link OnnxModel} touches this class first. */
    static void ensureConfigured() {}

    /** Points ONNX Runtime at {@code dir} when it holds the runtime library and nothing else was chosen. */
    static boolean preferInstalled(String dir) {
        if (dir == null || dir.isBlank() || System.getProperty(PROPERTY) != null
                || !Files.isRegularFile(Path.of(dir, System.mapLibraryName("onnxruntime")))) {
            return false;
        }
        System.setProperty(PROPERTY, dir);
        return true;
    }
}
