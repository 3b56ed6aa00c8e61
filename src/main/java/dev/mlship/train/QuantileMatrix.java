package dev.mlship.train;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;

/**
 * XGBoost's {@code QuantileDMatrix}, filled a block of rows at a time through XGBoost's C API. XGBoost
 * reads the blocks twice (once to place the bin edges, once to bin the values) and keeps one bin index
 * per cell (a byte for up to 256 bins), where a {@code DMatrix} keeps an 8-byte copy of every cell and
 * its constructor a further copy of the Java array: at 800k x 76 prepared cells, ~60 MB instead of
 * ~0.7 GB, and no full matrix on the Java heap either. XGBoost4J offers this matrix only for GPU data, so
 * the C functions it exports are called directly (java.lang.foreign) in the library XGBoost4J loaded.
 */
final class QuantileMatrix {
    private QuantileMatrix() {}

    /** The C functions called and their signatures (a native image registers each signature). */
    static final Map<String, FunctionDescriptor> DOWNCALLS = Map.of(
            "XGProxyDMatrixCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS),
            "XGProxyDMatrixSetDataDense", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
            "XGDMatrixSetInfoFromInterface", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
            "XGQuantileDMatrixCreateFromCallback",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
            "XGDMatrixFree", FunctionDescriptor.of(JAVA_INT, ADDRESS),
            "XGBGetLastError", FunctionDescriptor.of(ADDRESS));
    /** XGBoost's callbacks into {@link Blocks}: next block (int next(void* iterator)) and reset. */
    static final FunctionDescriptor NEXT = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor RESET = FunctionDescriptor.ofVoid(ADDRESS);

    /**
     * The C functions, looked up once XGBoost4J has loaded its library with System.load. The lookup sees
     * the libraries of this class's loader, so XGBoost4J must share it: it does in the application jar and
     * a native image; Quarkus's test and dev class loaders are told to (quarkus.class-loading).
     */
    private static final class Api {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBRARY = SymbolLookup.loaderLookup();
        static final MethodHandle PROXY_CREATE = down("XGProxyDMatrixCreate");
        static final MethodHandle SET_DENSE = down("XGProxyDMatrixSetDataDense");
        static final MethodHandle SET_INFO = down("XGDMatrixSetInfoFromInterface");
        static final MethodHandle CREATE = down("XGQuantileDMatrixCreateFromCallback");
        static final MethodHandle FREE = down("XGDMatrixFree");
        static final MethodHandle LAST_ERROR = down("XGBGetLastError");

        private static MethodHandle down(String name) {
            MemorySegment symbol = LIBRARY.find(name).orElseThrow(() -> new IllegalStateException(
                    "XGBoost's library does not export " + name + "; is another XGBoost4J on the class path?"));
            return LINKER.downcallHandle(symbol, DOWNCALLS.get(name));
        }
    }

    /** A matrix of XGBoost's own, freed by {@link DMatrix#dispose()} like any other. */
    private static final class Handle extends DMatrix {
        Handle(long handle) {
            super(handle);
        }
    }

    /**
     * Builds the matrix of the rows with their labels. A {@code reference} (the training matrix) makes a
     * validation matrix share its bin edges, as XGBoost requires for evaluating on it.
     */
    static DMatrix of(FloatRows x, float[] labels, int maxBin, int threads, DMatrix reference) {
        XGBoostNative.require();
        try {
            MethodHandle ignored = Api.CREATE;
        } catch (LinkageError e) {
            throw XGBoostNative.unavailable(e.getCause() != null ? e.getCause() : e);
        }
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) Api.PROXY_CREATE.invokeExact(out));
            MemorySegment proxy = out.get(ADDRESS, 0);
            try {
                Blocks blocks = new Blocks(x, labels, proxy, arena);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MemorySegment next = Api.LINKER.upcallStub(lookup.findVirtual(Blocks.class, "next",
                        MethodType.methodType(int.class, MemorySegment.class)).bindTo(blocks), NEXT, arena);
                MemorySegment reset = Api.LINKER.upcallStub(lookup.findVirtual(Blocks.class, "reset",
                        MethodType.methodType(void.class, MemorySegment.class)).bindTo(blocks), RESET, arena);
                String config = String.format(Locale.ROOT, "{\"missing\": NaN, \"nthread\": %d, \"max_bin\": %d}", threads, maxBin);
                MemorySegment ref = reference == null ? MemorySegment.NULL : MemorySegment.ofAddress(reference.getHandle());
                int status = (int) Api.CREATE.invokeExact(MemorySegment.NULL, proxy, ref, reset, next,
                        arena.allocateFrom(config), out);
                blocks.rethrow();
                check(status);
                return new Handle(out.get(ADDRESS, 0).address());
            } finally {
                int ignored = (int) Api.FREE.invokeExact(proxy);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("XGBoost cannot read the prepared matrix: " + e.getMessage(), e);
        }
    }

    /** XGBoost's iterator over the blocks; it calls back into {@link #next} and {@link #reset}. */
    private static final class Blocks {
        private final FloatRows x;
        private final float[] labels;
        private final MemorySegment proxy;
        private final Arena arena;
        private final int blockRows;
        private final float[] block;
        private final MemorySegment values;
        private final MemorySegment labelValues;
        private int nextRow;
        private Throwable failure;

        Blocks(FloatRows x, float[] labels, MemorySegment proxy, Arena arena) {
            this.x = x;
            this.labels = labels;
            this.proxy = proxy;
            this.arena = arena;
            this.blockRows = x.blockRows();
            this.block = new float[blockRows * x.cols()];
            this.values = arena.allocate(JAVA_FLOAT, Math.max(1, block.length));
            this.labelValues = arena.allocate(JAVA_FLOAT, blockRows);
        }

        /** Hands XGBoost the next block; 0 once every row was given. Never throws into native code. */
        int next(MemorySegment ignored) {
            if (failure != null || nextRow >= x.rows()) {
                return 0;
            }
            try {
                int count = Math.min(blockRows, x.rows() - nextRow);
                x.write(nextRow, count, block);
                MemorySegment.copy(block, 0, values, JAVA_FLOAT, 0, count * x.cols());
                MemorySegment.copy(labels, nextRow, labelValues, JAVA_FLOAT, 0, count);
                check((int) Api.SET_DENSE.invokeExact(proxy, arrayInterface(values, "[" + count + ", " + x.cols() + "]")));
                check((int) Api.SET_INFO.invokeExact(proxy, arena.allocateFrom("label"),
                        arrayInterface(labelValues, "[" + count + "]")));
                nextRow += count;
                return 1;
            } catch (Throwable e) {
                failure = e;
                return 0;
            }
        }

        void reset(MemorySegment ignored) {
            nextRow = 0;
        }

        void rethrow() throws Throwable {
            if (failure != null) {
                throw failure;
            }
        }

        /** NumPy's array interface (version 3) for little-endian float32 data at the segment's address. */
        private MemorySegment arrayInterface(MemorySegment data, String shape) {
            return arena.allocateFrom("{\"data\": [" + data.address() + ", true], \"shape\": " + shape
                    + ", \"typestr\": \"<f4\", \"version\": 3}");
        }
    }

    private static void check(int status) throws Throwable {
        if (status != 0) {
            MemorySegment message = (MemorySegment) Api.LAST_ERROR.invokeExact();
            throw new IllegalStateException("XGBoost cannot read the prepared matrix: "
                    + message.reinterpret(Integer.MAX_VALUE).getString(0).lines().findFirst().orElse("").strip());
        }
    }
}
