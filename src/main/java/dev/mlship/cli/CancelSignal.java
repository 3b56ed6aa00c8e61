package dev.mlship.cli;

import dev.mlship.pipeline.Cancellation;
import java.io.PrintWriter;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT during a run (a cancelled CI job): stop at once, with the exit code a process killed by
 * the signal reports (143, 130). The JVM's own reaction would run every shutdown hook while training or
 * scoring goes on, and ONNX Runtime's hook frees its native environment under a running session; halting
 * skips the hooks. Before halting, {@link Cancellation#stop()} lets an output commit under way finish (it
 * takes milliseconds) and forbids later ones, so no folder claims a success that did not happen. An image
 * push cut short leaves only untagged blobs: the manifest, and with it every tag, goes up last.
 */
final class CancelSignal {
    private CancelSignal() {}

    static void install(PrintWriter err) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                boolean written = Cancellation.stop();
                err.println("mlship: stopped by SIG" + s.getName() + (written ? " after the outputs were written"
                        : "; no outputs were written"));
                err.flush();
                Runtime.getRuntime().halt(128 + s.getNumber());
            });
        }
    }
}
