package dev.mlship.report;

import dev.mlship.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a run's files into a temporary sibling folder and swaps it into place at the end, so a run
 * that fails half-way never leaves a mixed or partial set of outputs behind.
 */
public final class OutputFolder {
    private final Path target;
    private final Set<String> ownFiles;

    /** @param ownFiles the file names a run writes; a folder holding anything else is not replaced */
    public OutputFolder(Path target, Set<String> ownFiles) {
        this.target = target.toAbsolutePath().normalize();
        this.ownFiles = Set.copyOf(ownFiles);
    }

    /** Refuses, before any work is done, a target that holds files mlship did not write. */
    public void checkReplaceable() {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ConfigException("output " + target + " is a file, not a folder: choose another --out");
        }
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !ownFiles.contains(n)).findFirst().ifPresent(n -> {
                throw new ConfigException("output folder " + target + " holds " + n
                        + ", which mlship did not write; choose an empty or new folder with --out");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Map<String, byte[]> files) {
        write(files, Map.of());
    }

    /**
     * Writes the files and moves the staged ones in (by their name in the folder); a staged file is
     * deleted when the write fails, so nothing is left behind.
     */
    public void write(Map<String, byte[]> files, Map<String, Path> staged) {
        checkReplaceable();
        Path parent = target.getParent();
        Path staging = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            // Not createTempDirectory: its owner-only permissions would carry over to the output folder.
            staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".new-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime()));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(staging.resolve(f.getKey()), f.getValue());
            }
            for (Map.Entry<String, Path> f : staged.entrySet()) {
                move(f.getValue(), staging.resolve(f.getKey()));
            }
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
                move(target, old);
            }
            move(staging, target);
            staging = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outputs to " + target, e);
        } finally {
            delete(staging);
            delete(old);
            staged.values().forEach(OutputFolder::delete);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover staging folders are hidden and harmless; the outputs are already in place.
        }
    }
}
