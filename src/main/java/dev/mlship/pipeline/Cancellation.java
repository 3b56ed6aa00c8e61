package dev.mlship.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Stopping a run from outside (a cancelled CI job's SIGTERM) without leaving anything that claims success.
 * A run's outputs appear in one step, the commit; {@link #stop()} waits for a commit under way to end and
 * forbids later ones, and deletes the run's temporary files. What a run shows is then either its complete
 * outputs or nothing of its own.
 */
public final class Cancellation {
    private static final Object COMMIT = new Object();
    private static final Set<Path> TEMPORARY = ConcurrentHashMap.newKeySet();
    private static boolean stopped;
    private static boolean committed;

    private Cancellation() {}

    /** Thrown in place of a commit once the process is stopping. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped before the outputs were written", null, false, false);
        }
    }

    /** Makes the run's outputs visible, unless the process is stopping; a stop waits for this to end. */
    static void commit(Runnable step) {
        synchronized (COMMIT) {
            if (stopped) {
                throw new Stopped();
            }
            step.run();
            committed = true;
        }
    }

    /** A file or folder to delete if the process stops before it is moved into the outputs or deleted. */
    static void temporary(Path path) {
        TEMPORARY.add(path);
    }

    static void released(Path path) {
        TEMPORARY.remove(path);
    }

    /**
     * Forbids further commits, after any under way, and deletes the temporary files.
     *
     * @return whether a run's outputs were committed in this process before the stop
     */
    public static boolean stop() {
        synchronized (COMMIT) {
            stopped = true;
            for (Path p : TEMPORARY) {
                delete(p);
            }
            return committed;
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the process is exiting
        }
    }
}
