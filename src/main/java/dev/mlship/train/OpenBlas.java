package dev.mlship.train;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * The OpenBLAS build Smile's linear algebra runs on and the kernels it chose for this CPU. Those kernels
 * sum in their own order, so the coefficients of linear, ridge, lasso and elastic-net models (and with
 * them model.onnx's bytes) differ in the last bits between CPUs whose core types differ. The model card
 * and the image labels record it: {@code OPENBLAS_CORETYPE=<core>} forces the same kernels on any CPU
 * that has their instructions, and so reproduces the model there.
 */
public final class OpenBlas {
    private OpenBlas() {}

    /** The alignment that keeps OpenBLAS's SSE kernels (CPUs without AVX) summing in one order from run to run. */
    public static final int STABLE_ALIGNMENT = 16;

    /**
     * Where Java arrays start matters to OpenBLAS's SSE kernels: with 8-byte alignment, the same linear model
     * came out differently from run to run under them (measured: Prescott, Core2, Barcelona kernels).
     *
     * @param alignment this JVM's object alignment in bytes, 0 when unknown
     * @return the warning to give, or empty when the alignment is known to be enough (or unknown)
     */
    public static Optional<String> alignmentWarning(int alignment) {
        if (alignment == 0 || alignment >= STABLE_ALIGNMENT) {
            return Optional.empty();
        }
        return Optional.of("this JVM aligns objects to " + alignment + " bytes: on a CPU without AVX, OpenBLAS's kernels"
                + " can then train a different model from run to run; start java with -XX:ObjectAlignmentInBytes="
                + STABLE_ALIGNMENT + ", as ./mlship and mlship's image do");
    }

    /** -XX:ObjectAlignmentInBytes of this JVM, or 0 where the JVM does not say (a native executable). */
    public static int objectAlignment() {
        try {
            var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(diagnostics.getVMOption("ObjectAlignmentInBytes").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** "0.3.21 Haswell": the version and the core type in use, or "not loaded" when the library cannot be opened. */
    public static String describe() {
        return Holder.DESCRIPTION;
    }

    private static final class Holder {
        static final String DESCRIPTION = read();

        private static String read() {
            try {
                // dlopen hands back the copy Smile loaded, so this is the core type Smile's calls run on.
                SymbolLookup blas = SymbolLookup.libraryLookup("libopenblas.so", Arena.global());
                String config = call(blas, "openblas_get_config");
                String core = call(blas, "openblas_get_corename");
                String[] words = config.split(" ");
                String version = words.length > 1 && words[0].equals("OpenBLAS") ? words[1] : config;
                return version + " " + core;
            } catch (Throwable e) {
                return "not loaded";
            }
        }

        private static String call(SymbolLookup lib, String function) throws Throwable {
            MemorySegment text = (MemorySegment) Linker.nativeLinker()
                    .downcallHandle(lib.find(function).orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
            return text.reinterpret(256).getString(0);
        }
    }
}
