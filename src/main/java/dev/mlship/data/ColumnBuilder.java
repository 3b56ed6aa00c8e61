package dev.mlship.data;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Collects one column while the file streams by. A column starts as numbers and turns into dictionary codes
 * at the first value that is neither a number nor a missing marker. The numbers read before that point are
 * not turned back into text (that would change "01" into "1"); those rows are read again from the file
 * instead, see {@link #rowsToReread()}.
 */
final class ColumnBuilder {
    private static final Set<String> TRUE_FALSE = Set.of("true", "false");
    private static final Set<String> YES_NO = Set.of("yes", "no");

    private final String name;
    private final ColumnType forced;
    private boolean text;
    private double[] values;
    private int[] codes;
    private int size;
    private int numbers; // values parsed as numbers while still numeric
    private int rowsToReread;
    private ByteDictionary dictionary;

    /** {@code capacity}: the expected row count; fresh memory is slow to touch, so growing should be rare. */
    ColumnBuilder(String name, ColumnType forced, int capacity) {
        this.name = name;
        this.forced = forced;
        if (forced == ColumnType.CATEGORICAL || forced == ColumnType.BOOLEAN) {
            startText(capacity);
        } else {
            values = new double[capacity];
        }
    }

    String name() {
        return name;
    }

    ColumnType forced() {
        return forced;
    }

    boolean isText() {
        return text;
    }

    ByteDictionary dictionary() {
        return dictionary;
    }

    void addNumber(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grow(size));
        }
        values[size++] = value;
        numbers++;
    }

    void addMissingNumber() {
        if (size == values.length) {
            values = Arrays.copyOf(values, grow(size));
        }
        values[size++] = Double.NaN;
    }

    void addCode(int code) {
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, grow(size));
        }
        codes[size++] = code;
    }

    /** Called at the first value that is not a number. */
    void switchToText() {
        // Rows that were all missing markers are missing as text too; only real numbers need their text back.
        rowsToReread = numbers > 0 ? size : 0;
        int capacity = values.length;
        values = null;
        startText(capacity);
        Arrays.fill(codes, 0, size, CategoricalColumn.MISSING);
    }

    private void startText(int capacity) {
        text = true;
        dictionary = new ByteDictionary();
        codes = new int[capacity];
    }

    /** How many leading rows were stored as numbers before the switch to text and must be read again as text. */
    int rowsToReread() {
        return rowsToReread;
    }

    /**
     * Puts back the leading rows, read again as text. Their levels come first, so levels stay in order of
     * first appearance in the file.
     */
    void replaceLeadingRows(ByteDictionary leading, int[] leadingCodes) {
        List<String> later = dictionary.levels();
        int[] remap = new int[later.size()];
        for (int i = 0; i < remap.length; i++) {
            remap[i] = leading.intern(later.get(i));
        }
        for (int row = rowsToReread; row < size; row++) {
            int code = codes[row];
            codes[row] = code == CategoricalColumn.MISSING ? code : remap[code];
        }
        System.arraycopy(leadingCodes, 0, codes, 0, rowsToReread);
        dictionary = leading;
        rowsToReread = 0;
    }

    /**
     * The column, once: the builder lets go of its array, so that building the columns of a file one
     * after the other holds at most one column twice (trimmed copy beside the spare capacity).
     */
    Column build() {
        if (!text) {
            double[] v = values;
            values = null;
            return new NumericColumn(name, v.length == size ? v : Arrays.copyOf(v, size));
        }
        ColumnType type = forced != null ? forced : isBooleanLike(dictionary.levels())
                ? ColumnType.BOOLEAN : ColumnType.CATEGORICAL;
        int[] c = codes;
        codes = null;
        return new CategoricalColumn(name, type, c.length == size ? c : Arrays.copyOf(c, size), dictionary.levels());
    }

    /**
     * One column from its parts, read from consecutive ranges of the file; each part lets go of its array once
     * copied. The parts are all numbers, or all text by now (the others switched to text and read again), so
     * that levels keep the order in which they first appear in the file. Empty when the whole column breaks a
     * rule no part could see alone (a third value in a column set to boolean): the caller then reads the file
     * on one thread, which reports it with its line.
     */
    static Optional<Column> join(List<ColumnBuilder> parts, int rows) {
        ColumnBuilder first = parts.getFirst();
        if (!first.text) {
            double[] values = new double[rows];
            int at = 0;
            for (ColumnBuilder part : parts) {
                System.arraycopy(part.values, 0, values, at, part.size);
                at += part.size;
                part.values = null;
            }
            return Optional.of(new NumericColumn(first.name, values));
        }
        ByteDictionary dictionary = new ByteDictionary();
        int[] codes = new int[rows];
        int at = 0;
        for (ColumnBuilder part : parts) {
            List<String> levels = part.dictionary.levels();
            int[] remap = new int[levels.size()];
            for (int i = 0; i < remap.length; i++) {
                remap[i] = dictionary.intern(levels.get(i));
            }
            for (int row = 0; row < part.size; row++) {
                int code = part.codes[row];
                codes[at++] = code == CategoricalColumn.MISSING ? code : remap[code];
            }
            part.codes = null;
        }
        List<String> levels = dictionary.levels();
        if (first.forced == ColumnType.BOOLEAN) {
            Set<String> distinct = new LinkedHashSet<>();
            levels.forEach(level -> distinct.add(normalise(level)));
            if (distinct.size() > 2) {
                return Optional.empty();
            }
        }
        ColumnType type = first.forced != null ? first.forced
                : isBooleanLike(levels) ? ColumnType.BOOLEAN : ColumnType.CATEGORICAL;
        return Optional.of(new CategoricalColumn(first.name, type, codes, levels));
    }

    /** Every value is one spelling family of a yes/no answer: true/false or yes/no, in any case. */
    static boolean isBooleanLike(List<String> levels) {
        if (levels.isEmpty()) {
            return false;
        }
        boolean trueFalse = true;
        boolean yesNo = true;
        for (String level : levels) {
            String word = normalise(level);
            trueFalse &= TRUE_FALSE.contains(word);
            yesNo &= YES_NO.contains(word);
            if (!trueFalse && !yesNo) {
                return false;
            }
        }
        return true;
    }

    static String normalise(String level) {
        return level.strip().toLowerCase(Locale.ROOT);
    }

    private int grow(int current) {
        if (current >= Integer.MAX_VALUE - 16) {
            throw new DataException("column " + Quoted.of(name) + " has more than " + current
                    + " rows, more than one Java array holds; sample the data");
        }
        // The first capacity is an estimate from the file size, so a modest step usually suffices.
        return (int) Math.min(current + (current >> 1) + 16L, Integer.MAX_VALUE - 16);
    }
}
