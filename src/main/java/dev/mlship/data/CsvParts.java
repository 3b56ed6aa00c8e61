package dev.mlship.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV parts with one header, read one after the other as if they were one file. A column that is text in one
 * part and numbers in another is read as text in every part (read again, so "01" stays "01"), as the CSV
 * reader does within one file.
 */
final class CsvParts {
    private CsvParts() {}

    static Dataset read(DataFiles files, CsvOptions options) {
        List<Dataset> parts = new ArrayList<>();
        for (Path file : files.files()) {
            parts.add(CsvReader.read(file, options));
        }
        List<String> names = parts.getFirst().table().names();
        for (int p = 1; p < parts.size(); p++) {
            List<String> other = parts.get(p).table().names();
            if (!other.equals(names)) {
                throw new DataException(files.files().get(p) + " line 1: the header " + other + " differs from "
                        + files.files().getFirst().getFileName() + "'s " + names + "; every part needs the same columns"
                        + " in the same order");
            }
        }
        Set<String> mixed = new LinkedHashSet<>();
        for (String name : names) {
            boolean text = parts.stream().anyMatch(d -> d.table().column(name) instanceof CategoricalColumn);
            boolean numbers = parts.stream().anyMatch(d -> d.table().column(name) instanceof NumericColumn);
            if (text && numbers) {
                mixed.add(name);
            }
        }
        if (!mixed.isEmpty()) {
            Map<String, ColumnType> types = new HashMap<>(options.types());
            mixed.forEach(m -> types.put(m, ColumnType.CATEGORICAL));
            CsvOptions asText = new CsvOptions(options.delimiter(), options.missingMarkers(), types, options.typesFrom());
            for (int p = 0; p < parts.size(); p++) {
                Dataset part = parts.get(p);
                if (mixed.stream().anyMatch(m -> part.table().column(m) instanceof NumericColumn)) {
                    parts.set(p, CsvReader.read(files.files().get(p), asText));
                }
            }
        }
        int rows = parts.stream().mapToInt(d -> d.table().rows()).sum();
        List<Column> merged = new ArrayList<>(names.size());
        for (String name : names) {
            List<Column> pieces = parts.stream().map(d -> d.table().column(name)).toList();
            merged.add(pieces.getFirst() instanceof NumericColumn
                    ? numbers(name, pieces, rows)
                    : text(name, pieces, rows, options.types().get(name)));
        }
        return new Dataset(files.path(), new Table(merged, rows), files.sha256(), files.bytes(), parts.getFirst().delimiter());
    }

    private static Column numbers(String name, List<Column> pieces, int rows) {
        double[] out = new double[rows];
        int at = 0;
        for (Column piece : pieces) {
            double[] v = ((NumericColumn) piece).values();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return new NumericColumn(name, out);
    }

    private static Column text(String name, List<Column> pieces, int rows, ColumnType forced) {
        ByteDictionary levels = new ByteDictionary();
        int[] out = new int[rows];
        int at = 0;
        for (Column piece : pieces) {
            CategoricalColumn c = (CategoricalColumn) piece;
            int[] remap = new int[c.levels().size()];
            for (int i = 0; i < remap.length; i++) {
                remap[i] = levels.intern(c.levels().get(i));
            }
            for (int code : c.codes()) {
                out[at++] = code == CategoricalColumn.MISSING ? code : remap[code];
            }
        }
        ColumnType type = forced != null ? forced
                : ColumnBuilder.isBooleanLike(levels.levels()) ? ColumnType.BOOLEAN : ColumnType.CATEGORICAL;
        return new CategoricalColumn(name, type, out, levels.levels());
    }
}
