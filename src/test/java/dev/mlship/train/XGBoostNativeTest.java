package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostNativeTest {
    @Test
    void loadsFromTheJarHereWithOpenMpThreadsThatSleepWhenIdle() throws Throwable {
        XGBoostNative.require();

        // Java's System.getenv is a copy taken at start-up: ask the C library what OpenMP read.
        Linker linker = Linker.nativeLinker();
        MethodHandle getenv = linker.downcallHandle(linker.defaultLookup().find("getenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = (MemorySegment) getenv.invokeExact(arena.allocateFrom("OMP_WAIT_POLICY"));
            String expected = System.getenv().getOrDefault("OMP_WAIT_POLICY", "PASSIVE");
            assertThat(value.reinterpret(64).getString(0)).isEqualTo(expected);
        }
    }

    @Test
    void aMissingOpenMpBecomesOneLineNamingTheCauseAndTheFix() {
        Throwable failure = new UnsatisfiedLinkError("/tmp/libxgboost4j123.so: libgomp.so.1: cannot open shared object file:"
                + " No such file or directory\nsecond line");

        MlshipException e = XGBoostNative.unavailable(new ExceptionInInitializerError(new RuntimeException(failure)));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).isEqualTo("algorithm xgboost: XGBoost's native library cannot be loaded (/tmp/libxgboost4j123.so:"
                + " libgomp.so.1: cannot open shared object file: No such file or directory); it needs Linux (glibc) or macOS on"
                + " x86_64 or aarch64, OpenMP (Debian: apt-get install libgomp1) and a writable temporary folder"
                + " (java.io.tmpdir); or choose another algorithm");
    }

    @Test
    void anInstalledLibraryIsUsedOnlyWhereTheFolderHoldsOne(@TempDir Path empty) throws ReflectiveOperationException {
        assertThat(XGBoostNative.preferInstalled(null)).isFalse();
        assertThat(XGBoostNative.preferInstalled(" ")).isFalse();
        assertThat(XGBoostNative.preferInstalled(empty.toString())).isFalse();
        // The image's side (library on disk, none in the jar) is run by the JVM image test inside the image.
    }
}
