package dev.mlship.data;

import java.nio.file.Path;

/**
 * Training data as read: its columns plus what identifies the exact bytes it came from.
 *
 * @param path      the file, folder or glob that was read
 * @param sha256    lower-case hex SHA-256 of the file's bytes (of every part's, in read order), the data fingerprint
 * @param bytes     the size in bytes, of all parts together
 * @param delimiter the CSV field separator used (detected or set); null for Parquet
 */
public record Dataset(Path path, Table table, String sha256, long bytes, Character delimiter) {
}
