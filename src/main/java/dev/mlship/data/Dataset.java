package dev.mlship.data;

import java.nio.file.Path;

/**
 * A CSV file as read: its columns plus what identifies the exact bytes it came from.
 *
 * @param sha256    lower-case hex SHA-256 of the file's bytes, the data fingerprint
 * @param bytes     the file's size in bytes
 * @param delimiter the field separator used (detected or set)
 */
public record Dataset(Path path, Table table, String sha256, long bytes, char delimiter) {
}
