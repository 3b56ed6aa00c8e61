package dev.mlship.train;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads XGBoost's native library (shipped inside the XGBoost4J jar, extracted to the temporary folder
 * on first use, or installed on disk in a container image) and turns a failure into one line a user can
 * act on, exit code 2: the config asks for an algorithm this machine cannot run.
 */
public final class XGBoostNative {
    private XGBoostNative() {}

    /** XGBoost4J logs its own loading failure with a stack trace; the one-line message replaces it. */
    private static final Logger QUIET = quiet("ml.dmlc.xgboost4j");

    /** C's {@code int setenv(const char*, const char*, int)} (a native image registers the signature). */
    static final FunctionDescriptor SETENV = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT);

    /** Initialised once, on first use; holds why loading failed, or null. */
    private static final class Load {
        static final Throwable FAILURE = attempt();

        private static Throwable attempt() {
            preferPassiveWaiting();
            try {
                preferInstalled(System.getenv(INSTALLED_DIR_ENV));
                Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI", true, XGBoostNative.class.getClassLoader());
                return null;
            } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
                return e;
            }
        }
    }

    /** The folder where a container image installs native libraries (ONNX Runtime reads it too). */
    static final String INSTALLED_DIR_ENV = "MLSHIP_NATIVE_LIB_DIR";

    /** XGBoost4J's "library is loaded" flag: set, it no longer copies the library out of its jar. */
    public static final String LOADER_CLASS = "ml.dmlc.xgboost4j.java.NativeLibLoader";
    public static final String LOADED_FLAG = "initialized";

    /**
     * Loads XGBoost's library from {@code dir} when it holds one, before XGBoost4J would copy its own
     * 17 MB out of the jar into the temporary folder (it does so on every start, and the JVM image
     * leaves the library out of the jar). The JVM binds XGBoost4J's native methods to a library that
     * this class's loader loaded, which is XGBoost4J's loader too.
     *
     * @return whether the installed library was loaded
     */
    static boolean preferInstalled(String dir) throws ReflectiveOperationException {
        if (dir == null || dir.isBlank()) {
            return false;
        }
        Path library = Path.of(dir, System.mapLibraryName("xgboost4j"));
        if (!Files.isRegularFile(library)) {
            return false;
        }
        System.load(library.toAbsolutePath().toString());
        Field loaded = Class.forName(LOADER_CLASS, true, XGBoostNative.class.getClassLoader())
                .getDeclaredField(LOADED_FLAG);
        loaded.setAccessible(true);
        loaded.setBoolean(null, true);
        return true;
    }

    /**
     * Asks GCC's OpenMP runtime, which XGBoost's library loads and which reads its environment once on
     * loading, to let idle threads sleep rather than spin, unless OMP_WAIT_POLICY is set already. On a
     * CI runner whose cores are shared, spinning threads wait for descheduled peers at every barrier:
     * measured here under a load of 5 on 2 cores, a small search ran 3x slower spinning (15.8 s vs 4.8 s).
     * Best effort: without native access the default stays.
     */
    private static void preferPassiveWaiting() {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(), SETENV);
            try (Arena arena = Arena.ofConfined()) {
                int ignored = (int) setenv.invokeExact(arena.allocateFrom("OMP_WAIT_POLICY"), arena.allocateFrom("PASSIVE"), 0);
            }
        } catch (Throwable e) {
            // Not Linux or macOS, or native access refused: keep OpenMP's default.
        }
    }

    /** @throws MlshipException (exit 2) when the native library cannot load on this machine */
    public static void require() {
        if (Load.FAILURE != null) {
            throw unavailable(Load.FAILURE);
        }
    }

    /** The one-line error for a loading failure, naming its root cause and what to install. */
    static MlshipException unavailable(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = String.valueOf(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage())
                .lines().findFirst().orElse("").strip();
        return new MlshipException(ExitCode.USAGE, "algorithm xgboost: XGBoost's native library cannot be loaded (" + cause
                + "); it needs Linux (glibc) or macOS on x86_64 or aarch64, OpenMP (Debian: apt-get install libgomp1)"
                + " and a writable temporary folder (java.io.tmpdir); or choose another algorithm", failure);
    }

    private static Logger quiet(String category) {
        Logger logger = Logger.getLogger(category);
        logger.setLevel(Level.OFF);
        return logger;
    }
}
