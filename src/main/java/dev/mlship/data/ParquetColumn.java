package dev.mlship.data;

import dev.hardwood.metadata.LogicalType;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.Validity;
import dev.hardwood.schema.ColumnSchema;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One column collected from the batches of one or more Parquet parts. Numbers are kept as doubles and text as
 * dictionary codes in order of first appearance, like the CSV reader's columns, so the same data gives the
 * same levels and the same model from either format.
 */
final class ParquetColumn {
    /** What the Parquet schema says a column holds. */
    enum Kind {
        NUMBER,
        TEXT,
        BOOLEAN;

        String id() {
            return switch (this) {
                case NUMBER -> "numbers";
                case TEXT -> "text";
                case BOOLEAN -> "booleans";
            };
        }
    }

    private final String name;
    private final Kind kind;
    private final ByteDictionary dictionary = new ByteDictionary();
    private double[] values;
    private int[] codes;
    private int size;

    ParquetColumn(String name, Kind kind, int capacity) {
        this.name = name;
        this.kind = kind;
        if (kind == Kind.NUMBER) {
            values = new double[capacity];
        } else {
            codes = new int[capacity];
        }
    }

    String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Makes room for {@code rows} in total; the row count of every part is known from its footer. Grows by half
     * at least, so that many small parts do not copy the column once each.
     */
    void ensureCapacity(int rows) {
        if (values != null && values.length < rows) {
            values = Arrays.copyOf(values, grown(values.length, rows));
        }
        if (codes != null && codes.length < rows) {
            codes = Arrays.copyOf(codes, grown(codes.length, rows));
        }
    }

    private static int grown(int length, int rows) {
        return (int) Math.min(Math.max(rows, length + (length >> 1)), Integer.MAX_VALUE - 16);
    }

    /** Adds the current batch of {@code reader}: {@code n} rows. */
    void append(ColumnReader reader, int n, Path file) {
        ensureCapacity(size + n);
        Validity validity = reader.getLeafValidity();
        boolean nulls = validity != null && validity.hasNulls();
        ColumnSchema schema = reader.getColumnSchema();
        switch (kind) {
            case NUMBER -> appendNumbers(reader, schema, n, nulls ? validity : null);
            case BOOLEAN -> {
                boolean[] b = reader.getBooleans();
                for (int i = 0; i < n; i++) {
                    codes[size + i] = nulls && validity.isNull(i) ? CategoricalColumn.MISSING : dictionary.intern(b[i] ? "true" : "false");
                }
            }
            case TEXT -> {
                byte[] bytes = reader.getBinaryValues();
                int[] offsets = reader.getBinaryOffsets();
                try {
                    for (int i = 0; i < n; i++) {
                        codes[size + i] = nulls && validity.isNull(i) ? CategoricalColumn.MISSING
                                : dictionary.intern(bytes, offsets[i], offsets[i + 1]);
                    }
                } catch (CharacterCodingException e) {
                    throw new DataException(file + ": column " + Quoted.of(name) + " has text that is not valid UTF-8;"
                            + " write it as UTF-8 strings");
                }
            }
        }
        if (nulls && kind == Kind.NUMBER) {
            for (int i = validity.nextNull(0, n); i >= 0 && i < n; i = validity.nextNull(i + 1, n)) {
                values[size + i] = Double.NaN;
            }
        }
        size += n;
    }

    private void appendNumbers(ColumnReader reader, ColumnSchema schema, int n, Validity validity) {
        LogicalType logical = schema.logicalType();
        int scale = logical instanceof LogicalType.DecimalType d ? d.scale() : -1;
        boolean unsigned = logical instanceof LogicalType.IntType t && !t.isSigned();
        double[] out = values;
        int at = size;
        switch (schema.type()) {
            case INT32 -> {
                int[] v = reader.getInts();
                for (int i = 0; i < n; i++) {
                    out[at + i] = scale >= 0 ? ParquetReader.decimal(v[i], scale) : unsigned ? Integer.toUnsignedLong(v[i]) : v[i];
                }
            }
            case INT64 -> {
                long[] v = reader.getLongs();
                for (int i = 0; i < n; i++) {
                    out[at + i] = scale >= 0 ? ParquetReader.decimal(v[i], scale) : unsigned ? unsignedToDouble(v[i]) : v[i];
                }
            }
            case FLOAT -> {
                float[] v = reader.getFloats();
                for (int i = 0; i < n; i++) {
                    out[at + i] = v[i];
                }
            }
            case DOUBLE -> System.arraycopy(reader.getDoubles(), 0, out, at, n);
            default -> { // decimals stored as bytes
                byte[][] v = reader.getBinaries();
                for (int i = 0; i < n; i++) {
                    out[at + i] = v[i] == null || (validity != null && validity.isNull(i)) ? Double.NaN : ParquetReader.decimal(v[i], scale);
                }
            }
        }
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /**
     * The finished column. {@code forced} is the type {@code data.types} (or the task, for the label) asks for;
     * {@code markers} the texts read as missing, applied to text values and, where they are numbers, to numbers.
     */
    Column build(ColumnType forced, Set<String> markers) {
        // One file (the common case) fills its arrays exactly: they are handed over, not copied, as fresh
        // memory is what reading costs most here.
        int[] trimmed = codes == null ? null : codes.length == size ? codes : Arrays.copyOf(codes, size);
        double[] numbers = values == null ? null : values.length == size ? values : Arrays.copyOf(values, size);
        codes = null;
        values = null;
        return switch (kind) {
            case NUMBER -> {
                missingNumbers(numbers, markers);
                yield forced == null || forced == ColumnType.NUMERIC ? new NumericColumn(name, numbers) : numbersAsText(numbers, forced);
            }
            case BOOLEAN -> {
                if (forced == ColumnType.NUMERIC) {
                    throw new DataException("column " + Quoted.of(name) + " holds booleans, but is set to numeric;"
                            + " drop it from data.types or write it as 0 and 1");
                }
                yield new CategoricalColumn(name, forced == null ? ColumnType.BOOLEAN : forced, trimmed, dictionary.levels());
            }
            case TEXT -> text(trimmed, forced, markers);
        };
    }

    private Column text(int[] rows, ColumnType forced, Set<String> markers) {
        List<String> levels = dictionary.levels();
        // Levels that are missing markers go; the others keep their order of first appearance.
        int[] remap = new int[levels.size()];
        List<String> kept = new ArrayList<>();
        MissingMarkers missing = new MissingMarkers(markers);
        for (int i = 0; i < remap.length; i++) {
            byte[] bytes = levels.get(i).getBytes(StandardCharsets.UTF_8);
            if (missing.matches(bytes, 0, bytes.length)) {
                remap[i] = CategoricalColumn.MISSING;
            } else {
                remap[i] = kept.size();
                kept.add(levels.get(i));
            }
        }
        for (int r = 0; r < rows.length; r++) {
            rows[r] = rows[r] == CategoricalColumn.MISSING ? CategoricalColumn.MISSING : remap[rows[r]];
        }
        if (forced == ColumnType.NUMERIC) {
            return textAsNumbers(rows, kept);
        }
        if (forced == ColumnType.BOOLEAN) {
            Set<String> distinct = new LinkedHashSet<>();
            kept.forEach(l -> distinct.add(ColumnBuilder.normalise(l)));
            if (distinct.size() > 2) {
                throw new DataException("column " + Quoted.of(name) + " is set to boolean in data.types, but has "
                        + distinct.size() + " values (" + String.join(", ", kept.stream().limit(3).map(Quoted::of).toList())
                        + "); fix the values or drop the column from data.types");
            }
        }
        ColumnType type = forced != null ? forced : ColumnBuilder.isBooleanLike(kept) ? ColumnType.BOOLEAN : ColumnType.CATEGORICAL;
        return new CategoricalColumn(name, type, rows, kept);
    }

    /** Text parsed as numbers, once per distinct value. */
    private Column textAsNumbers(int[] rows, List<String> levels) {
        NumberParser parser = new NumberParser();
        double[] parsed = new double[levels.size()];
        for (int i = 0; i < parsed.length; i++) {
            byte[] bytes = levels.get(i).getBytes(StandardCharsets.UTF_8);
            if (!parser.parse(bytes, 0, bytes.length)) {
                throw new DataException("column " + Quoted.of(name) + " is set to numeric in data.types, but has the"
                        + " value " + Quoted.of(levels.get(i)) + "; fix the value, add it to data.missing, or drop the"
                        + " column from data.types");
            }
            parsed[i] = parser.value();
        }
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r] == CategoricalColumn.MISSING ? Double.NaN : parsed[rows[r]];
        }
        return new NumericColumn(name, out);
    }

    /** Numbers as text, for a numeric column used as class labels: whole numbers without a fraction ("1", not "1.0"). */
    private Column numbersAsText(double[] numbers, ColumnType forced) {
        ByteDictionary text = new ByteDictionary();
        int[] out = new int[numbers.length];
        for (int r = 0; r < numbers.length; r++) {
            double v = numbers[r];
            out[r] = Double.isNaN(v) ? CategoricalColumn.MISSING : text.intern(NumberText.of(v));
        }
        List<String> levels = text.levels();
        if (forced == ColumnType.BOOLEAN && levels.size() > 2) {
            throw new DataException("column " + Quoted.of(name) + " is set to boolean in data.types, but has "
                    + levels.size() + " values; fix the values or drop the column from data.types");
        }
        return new CategoricalColumn(name, forced, out, levels);
    }

    private static void missingNumbers(double[] numbers, Set<String> markers) {
        NumberParser parser = new NumberParser();
        double[] missing = markers.stream()
                .map(m -> m.strip().getBytes(StandardCharsets.UTF_8))
                .filter(b -> parser.parse(b, 0, b.length) && !Double.isNaN(parser.value()))
                .mapToDouble(b -> {
                    parser.parse(b, 0, b.length);
                    return parser.value();
                })
                .toArray();
        if (missing.length == 0) {
            return;
        }
        for (int r = 0; r < numbers.length; r++) {
            for (double m : missing) {
                if (numbers[r] == m) {
                    numbers[r] = Double.NaN;
                }
            }
        }
    }

    /** How a number reads as text: whole numbers as integers, others in Java's shortest round-trip form. */
    static final class NumberText {
        private NumberText() {}

        static String of(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v).toLowerCase(Locale.ROOT);
        }
    }
}
