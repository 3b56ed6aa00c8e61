package dev.mlship.evaluate;

import dev.mlship.data.Rows;
import java.util.List;

/** The true outcome of each row: class codes (with the class names in code order) or numbers. */
public sealed interface Target {
    int size();

    Target select(int[] rows);

    record Classes(int[] codes, List<String> names) implements Target {
        public Classes {
            names = List.copyOf(names);
        }

        public int count() {
            return names.size();
        }

        @Override
        public int size() {
            return codes.length;
        }

        @Override
        public Classes select(int[] rows) {
            return new Classes(Rows.select(codes, rows), names);
        }
    }

    record Values(double[] values) implements Target {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Values select(int[] rows) {
            return new Values(Rows.select(values, rows));
        }
    }
}
