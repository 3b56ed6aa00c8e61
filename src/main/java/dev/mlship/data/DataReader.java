package dev.mlship.data;

import java.nio.file.Path;

/** Reads what {@code data.path} names, whichever format and however many parts: the one entry point for data. */
public final class DataReader {
    private DataReader() {}

    /**
     * A CSV or Parquet file, or a folder or glob of parts of one format. A single CSV file is read exactly as
     * before, so its fingerprint stays the SHA-256 of that file; parts are fingerprinted together, in read order.
     */
    public static Dataset read(Path path, CsvOptions options) {
        DataFiles files = DataFiles.of(path);
        if (files.format() == DataFiles.Format.PARQUET) {
            return ParquetReader.read(files, options);
        }
        return files.isParts() ? CsvParts.read(files, options) : CsvReader.read(path, options);
    }
}
