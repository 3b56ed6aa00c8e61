package dev.mlship.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as an event the server waits for, instead of the JVM's default reaction (start the
 * shutdown and run every shutdown hook at once). ONNX Runtime's Java binding registers a shutdown hook that
 * releases its native environment; a request still scoring at that moment crashes the JVM. Taking the signal
 * here lets the server drain and close its sessions first, and only then lets the JVM shut down.
 */
final class StopSignal {
    private final CompletableFuture<Signal> received = new CompletableFuture<>();

    /** Takes over SIGTERM and SIGINT from now on; later signals while stopping are ignored. */
    static StopSignal install() {
        StopSignal s = new StopSignal();
        Signal.handle(new Signal("TERM"), s.received::complete);
        Signal.handle(new Signal("INT"), s.received::complete);
        return s;
    }

    /** Blocks until a signal arrives; returns the exit code a process killed by it reports (128 + number). */
    int await() throws InterruptedException {
        try {
            return 128 + received.get().getNumber();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
