package dev.mlship.train;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;

/**
 * The OpenBLAS build Smile's linear algebra runs on and the kernels it chose for this CPU. Those kernels
 * sum in their own order, so the coefficients of linear, ridge, lasso and elastic-net models (and with
 * them model.onnx's bytes) differ in the last bits between CPUs whose core types differ. The model card
 * and the image labels record it: {@code OPENBLAS_CORETYPE=<core>} forces the same kernels on any CPU
 * that has their instructions, and so reproduces the model there.
 */
public final class OpenBlas {
    private OpenBlas() {}

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
