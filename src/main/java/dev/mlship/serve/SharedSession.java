package dev.mlship.serve;

import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.Scores;
import java.time.Duration;
import java.util.Map;

/**
 * One model's ONNX Runtime session, used by many requests at once and closed only after the last of them
 * has finished scoring. Closing a session while another thread is inside {@code OrtSession.run} frees
 * native memory under it and crashes the JVM, so {@link #close()} only marks it, and the session's native
 * resources go when its last user leaves.
 */
final class SharedSession {
    private final OnnxModel model;
    private int users;
    private boolean closing;
    private boolean closed;

    SharedSession(OnnxModel model) {
        this.model = model;
    }

    /**
     * Scores on the session. Once {@link #close()} was called, new calls are refused with 503 while those
     * already scoring finish.
     */
    Scores score(Map<String, ?> columns, int rows) {
        return score(columns, rows, () -> {});
    }

    /** As {@link #score(Map, int)}, running {@code first} once the session is held (tests pause there). */
    Scores score(Map<String, ?> columns, int rows, Runnable first) {
        enter();
        try {
            first.run();
            return model.score(columns, rows);
        } finally {
            leave();
        }
    }

    private synchronized void enter() {
        if (closing) {
            throw new RequestError(503, "the server is shutting down");
        }
        users++;
    }

    private synchronized void leave() {
        users--;
        if (closing && users == 0) {
            closeNow();
        }
    }

    /** Refuses new scoring calls; the session closes now if none is running, else when the last one ends. */
    synchronized void close() {
        closing = true;
        if (users == 0) {
            closeNow();
        }
    }

    private void closeNow() {
        if (!closed) {
            closed = true;
            model.close();
            notifyAll();
        }
    }

    /** Waits until the session is closed (its last scoring call ended), up to {@code timeout}; true if it is. */
    synchronized boolean awaitClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
