package dev.mlship.data;

import dev.hardwood.InputFile;
import dev.hardwood.metadata.LogicalType;
import dev.hardwood.metadata.PhysicalType;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.ColumnReaders;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.Validity;
import dev.hardwood.schema.ColumnProjection;
import dev.hardwood.schema.ColumnSchema;
import dev.hardwood.schema.FileSchema;
import dev.hardwood.schema.SchemaNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads one Parquet file, or parts that share one schema, into the same typed columns the CSV reader makes.
 * Types come from the Parquet schema: text, enums and other strings are categorical; integers, floats and
 * decimals numeric; booleans boolean (levels "true" and "false"). Nulls are missing, and so are text values
 * that match {@code data.missing}, as in a CSV file. Dates, times and timestamps are refused with a message,
 * since a model needs a number whose meaning the user chooses (an age, a day of week), not an epoch count.
 *
 * <p>The fingerprint is the SHA-256 of the files' bytes in read order, hashed on another thread while the
 * columns are decoded.
 */
public final class ParquetReader {
    private final DataFiles files;
    private final CsvOptions options;
    private final Map<String, ParquetColumn> columns = new LinkedHashMap<>();
    private String firstPart;

    private ParquetReader(DataFiles files, CsvOptions options) {
        this.files = files;
        this.options = options;
    }

    /** Reads every file; every problem with them is a {@link DataException} with a one-line message. */
    public static Dataset read(DataFiles files, CsvOptions options) {
        return new ParquetReader(files, options).read();
    }

    private Dataset read() {
        for (Path file : files.files()) {
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": " + (Files.exists(file) ? "is not a regular file" : "no such file")
                        + "; check data.path (relative paths start at the folder of mlship.yaml)");
            }
        }
        CompletableFuture<String> sha256 = CompletableFuture.supplyAsync(files::sha256);
        long total = 0;
        for (Path file : files.files()) {
            total += readPart(file, total);
        }
        String digest;
        try {
            digest = sha256.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof DataException d ? d : new DataException(files.path() + ": " + e.getCause().getMessage());
        }
        if (total == 0) {
            throw new DataException(files.path() + ": has a schema but no rows; point data.path at the full data");
        }
        List<Column> built = new ArrayList<>(columns.size());
        for (ParquetColumn column : columns.values()) {
            built.add(column.build(options.types().get(column.name()), options.missingMarkers()));
        }
        return new Dataset(files.path(), new Table(built, (int) total), digest, files.bytes(), null);
    }

    /** Reads one file's rows onto the columns, and returns how many there were. */
    private long readPart(Path file, long rowsBefore) {
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file))) {
            FileSchema schema = reader.getFileSchema();
            checkFlat(file, schema);
            long rows = reader.getFileMetaData().numRows();
            if (rowsBefore + rows > Integer.MAX_VALUE - 16) {
                throw new DataException(file + ": more rows than one Java array holds (" + (rowsBefore + rows)
                        + " so far); sample the data");
            }
            matchColumns(file, schema, (int) (rowsBefore + rows));
            if (rows == 0) {
                return 0;
            }
            long read = 0;
            try (ColumnReaders readers = reader.columnReaders(ColumnProjection.all())) {
                while (readers.nextBatch()) {
                    int n = readers.getRecordCount();
                    for (int c = 0; c < readers.getColumnCount(); c++) {
                        ColumnReader column = readers.getColumnReader(c);
                        columns.get(column.getColumnSchema().name()).append(column, n, file);
                    }
                    read += n;
                }
            }
            if (read != rows) {
                throw new DataException(file + ": its footer promises " + rows + " rows, but " + read
                        + " could be read; the file is damaged: write it again");
            }
            return rows;
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": is not a readable Parquet file (" + oneLine(e)
                    + "); check that it is complete and was written as Parquet", e);
        }
    }

    private static void checkFlat(Path file, FileSchema schema) {
        if (schema.isFlatSchema()) {
            return;
        }
        for (SchemaNode node : schema.getRootNode().children()) {
            if (node instanceof SchemaNode.GroupNode group) {
                String what = group.isList() ? "a list" : group.isMap() ? "a map" : "a struct";
                throw new DataException(file + ": column " + Quoted.of(group.name()) + " is " + what
                        + "; mlship reads flat columns: flatten it into columns of numbers or text (for example"
                        + " SELECT " + group.name() + ".field AS " + group.name() + "_field) or drop it from the file");
            }
        }
        throw new DataException(file + ": has repeated columns; mlship reads flat columns of numbers, text and booleans");
    }

    /** The first part sets the columns; every later part must have the same names (in any order). */
    private void matchColumns(Path file, FileSchema schema, int capacity) {
        List<ColumnSchema> found = schema.getColumns();
        if (firstPart == null) {
            firstPart = file.getFileName().toString();
            for (ColumnSchema c : found) {
                columns.put(c.name(), new ParquetColumn(c.name(), kindOf(file, c), capacity));
            }
            return;
        }
        List<String> names = found.stream().map(ColumnSchema::name).toList();
        for (String name : columns.keySet()) {
            if (!names.contains(name)) {
                throw new DataException(file + ": has no column " + Quoted.of(name) + ", which " + firstPart
                        + " has; every part needs the same columns: write the parts with one schema");
            }
        }
        for (ColumnSchema c : found) {
            ParquetColumn column = columns.get(c.name());
            if (column == null) {
                throw new DataException(file + ": has column " + Quoted.of(c.name()) + ", which " + firstPart
                        + " does not have; every part needs the same columns: write the parts with one schema");
            }
            ParquetColumn.Kind kind = kindOf(file, c);
            if (kind != column.kind()) {
                throw new DataException(file + ": column " + Quoted.of(c.name()) + " holds " + kind.id() + ", but in "
                        + firstPart + " it holds " + column.kind().id() + "; write the parts with one schema");
            }
            column.ensureCapacity(capacity);
        }
    }

    /** What a Parquet column becomes, or a message naming the column and how to convert it. */
    static ParquetColumn.Kind kindOf(Path file, ColumnSchema c) {
        LogicalType logical = c.logicalType();
        String at = file + ": column " + Quoted.of(c.name());
        String drop = " or drop the column from the file";
        if (logical instanceof LogicalType.DateType || logical instanceof LogicalType.TimestampType
                || logical instanceof LogicalType.TimeType || c.type() == PhysicalType.INT96) {
            String what = logical instanceof LogicalType.DateType ? "dates" : logical instanceof LogicalType.TimeType
                    ? "times of day" : "timestamps";
            throw new DataException(at + " holds " + what + ", which a model cannot use as they are; convert it to"
                    + " a number that means something for the model (for example days since an event, or the hour)"
                    + " or to text," + drop);
        }
        if (logical instanceof LogicalType.DecimalType) {
            return ParquetColumn.Kind.NUMBER;
        }
        return switch (c.type()) {
            case BOOLEAN -> ParquetColumn.Kind.BOOLEAN;
            case INT32, INT64, FLOAT, DOUBLE -> {
                if (logical != null && !(logical instanceof LogicalType.IntType)) {
                    throw new DataException(at + " has the type " + logical.getClass().getSimpleName()
                            + ", which mlship cannot read; convert it to a number or text," + drop);
                }
                yield ParquetColumn.Kind.NUMBER;
            }
            case BYTE_ARRAY -> {
                if (logical == null || logical instanceof LogicalType.StringType || logical instanceof LogicalType.EnumType
                        || logical instanceof LogicalType.JsonType) {
                    yield ParquetColumn.Kind.TEXT;
                }
                throw new DataException(at + " holds " + logical.getClass().getSimpleName().replace("Type", "")
                        + " values, which mlship cannot read; convert it to a number or text," + drop);
            }
            default -> throw new DataException(at + " holds " + c.type() + (logical == null ? "" : " "
                    + logical.getClass().getSimpleName().replace("Type", "")) + " values, which mlship cannot read;"
                    + " convert it to a number or text," + drop);
        };
    }

    /** Scales an unscaled decimal; exact division of two exact doubles rounds once, as parsing the text would. */
    static double decimal(long unscaled, int scale) {
        if (Math.abs(unscaled) < (1L << 53) && scale >= 0 && scale <= 22) {
            return unscaled / POWERS_OF_TEN[scale];
        }
        return BigDecimal.valueOf(unscaled, scale).doubleValue();
    }

    static double decimal(byte[] unscaled, int scale) {
        return new BigDecimal(new BigInteger(unscaled), scale).doubleValue();
    }

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact up to 1e22
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /** Whether a batch's value at a row is present. */
    static boolean present(Validity validity, int row) {
        return validity == null || !validity.hasNulls() || validity.isNotNull(row);
    }
}
