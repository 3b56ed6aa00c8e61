package dev.mlship.onnx;

import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.ColumnType;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded synthetic rows for export and serving tests: a categorical column and missing values everywhere. */
public final class SyntheticData {
    private SyntheticData() {}

    public static final List<String> FEATURES = List.of("count", "amount", "colour");
    public static final Set<String> MISSING = Set.of("", "NA");

    /** Rows whose outcome depends on all three features; some values missing, one colour never seen in training. */
    public static Table table(int n, long seed, boolean unseen) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] count = new double[n];
        double[] amount = new double[n];
        int[] colour = new int[n];
        for (int i = 0; i < n; i++) {
            count[i] = r.nextInt(20) < 2 ? Double.NaN : r.nextInt(12);
            amount[i] = r.nextInt(15) == 0 ? Double.NaN : 1000 * r.nextGaussian();
            colour[i] = r.nextInt(12) == 0 ? -1 : r.nextInt(unseen ? 5 : 4);
        }
        return new Table(List.of(new NumericColumn("count", count), new NumericColumn("amount", amount),
                new CategoricalColumn("colour", ColumnType.CATEGORICAL, colour, List.of("red", "green", "blue", "grey", "pink"))),
                n);
    }

    /**
     * Rows that sit exactly on split thresholds: {@code count} and {@code amount} cycle through the given
     * thresholds of features 0 and 1 (both non-empty), {@code colour} through its four levels.
     */
    public static Table onThresholds(List<? extends Number> count, List<? extends Number> amount) {
        int n = Math.max(count.size(), amount.size());
        double[] c = new double[n];
        double[] a = new double[n];
        int[] colour = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = count.get(i % count.size()).doubleValue();
            a[i] = amount.get(i % amount.size()).doubleValue();
            colour[i] = i % 4;
        }
        return new Table(List.of(new NumericColumn("count", c), new NumericColumn("amount", a),
                new CategoricalColumn("colour", ColumnType.CATEGORICAL, colour, List.of("red", "green", "blue", "grey"))), n);
    }

    public static double signal(Table t, int i) {
        double c = ((NumericColumn) t.column("count")).values()[i];
        double a = ((NumericColumn) t.column("amount")).values()[i];
        String col = ((CategoricalColumn) t.column("colour")).value(i);
        return (Double.isNaN(c) ? 5 : c) + (Double.isNaN(a) ? 0 : a / 500) + ("red".equals(col) ? 4 : 0);
    }

    public static Target.Classes classes(Table t, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[t.rows()];
        for (int i = 0; i < y.length; i++) {
            double s = signal(t, i) + r.nextGaussian();
            y[i] = k == 2 ? (s > 7 ? 1 : 0) : (s < 5 ? 0 : s < 9 ? 1 : 2);
        }
        return new Target.Classes(y, k == 2 ? List.of("no", "yes") : List.of("low", "mid", "high"));
    }

    public static Target.Values values(Table t, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[t.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = scale * (signal(t, i) + 0.1 * r.nextGaussian());
        }
        return new Target.Values(y);
    }

}
