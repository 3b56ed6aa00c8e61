package dev.mlship.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files that {@code data.path} names: one file, every part in a folder, or the files a glob matches.
 * Parts are read in the order of their paths' text, the order in which Spark, DuckDB and dbt number them
 * (part-00000, part-00001, ...). Files whose names start with "." or "_" (such as _SUCCESS or .crc checksums)
 * are skipped in folders, as those tools write them beside the data.
 *
 * @param path  data.path as given, for messages
 * @param files the files to read, in read order, never empty
 */
public record DataFiles(Path path, Format format, List<Path> files) {
    /** How the files are written. */
    public enum Format {
        CSV,
        PARQUET;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DataFiles {
        files = List.copyOf(files);
    }

    /** True when data.path names more than one file's worth: a folder or a glob. */
    public boolean isParts() {
        return !files.equals(List.of(path));
    }

    /** What data.path names; a path that names nothing, or a mix of formats, is a {@link DataException}. */
    public static DataFiles of(Path path) {
        String text = path.toString();
        if (isGlob(text)) {
            return parts(path, glob(path));
        }
        if (Files.isDirectory(path)) {
            return parts(path, folder(path));
        }
        // A single file keeps the CSV reader's own checks and messages (missing, empty, not a regular file).
        return new DataFiles(path, formatOf(path), List.of(path));
    }

    /** Parquet by the usual extensions; anything else is read as CSV, as it always was. */
    static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".parquet") || name.endsWith(".parq") || name.endsWith(".pq") ? Format.PARQUET : Format.CSV;
    }

    private static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
    }

    private static DataFiles parts(Path path, List<Path> files) {
        if (files.isEmpty()) {
            throw new DataException(path + ": matches no .parquet or .csv file; check data.path (relative paths start"
                    + " at the folder of mlship.yaml)");
        }
        Format first = formatOf(files.getFirst());
        for (Path file : files) {
            if (formatOf(file) != first) {
                throw new DataException(path + ": mixes " + first.id() + " and " + formatOf(file).id() + " files ("
                        + files.getFirst().getFileName() + ", " + file.getFileName() + "); keep one format per data.path");
            }
        }
        return new DataFiles(path, first, files);
    }

    private static List<Path> folder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !hidden(folder.relativize(f)))
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(parquet|parq|pq|csv|tsv|txt)"))
                    .sorted(java.util.Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(folder + ": cannot be listed (" + e.getMessage() + "); check data.path", e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** The files under the glob's fixed leading folders that the whole pattern matches. */
    private static List<Path> glob(Path pattern) {
        Path fixed = pattern.isAbsolute() ? pattern.getRoot() : Path.of("");
        for (Path part : pattern) {
            if (isGlob(part.toString())) {
                break;
            }
            fixed = fixed.resolve(part);
        }
        boolean relativeToHere = fixed.toString().isEmpty();
        Path start = relativeToHere ? Path.of(".") : fixed;
        if (!Files.isDirectory(start)) {
            throw new DataException(pattern + ": the folder " + start + " does not exist; check data.path");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.map(p -> relativeToHere ? start.relativize(p) : p)
                    .filter(p -> matcher.matches(p) && Files.isRegularFile(p))
                    .sorted(java.util.Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(pattern + ": cannot be listed (" + e.getMessage() + "); check data.path", e);
        }
    }

    /** SHA-256 of every file's bytes, one after the other in read order: the data fingerprint. */
    public String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new DataException(file + ": cannot be read (" + e.getMessage() + "); check that it is readable", e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The size of all files together, in bytes. */
    public long bytes() {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new DataException(file + ": cannot be read (" + e.getMessage() + "); check that it is readable", e);
            }
        }
        return total;
    }
}
