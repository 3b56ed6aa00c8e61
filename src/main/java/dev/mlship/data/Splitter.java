package dev.mlship.data;

import java.util.Arrays;
import java.util.List;

/** The seeded train/test split. */
public final class Splitter {
    private Splitter() {
    }

    /**
     * Splits {@code rows} rows. With class codes (one per row) the split is stratified: each class puts
     * round(n × testFraction) of its shuffled rows into test, except that a class with one row stays in train.
     * Without codes, round(rows × testFraction) shuffled rows go to test. Either way there is at least one
     * train row and one test row.
     *
     * @param classCodes   the label's class code per row, or null for a plain split
     * @param testFraction the share of rows held out, between 0 and 1 (exclusive)
     */
    public static Split split(int rows, int[] classCodes, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1: " + testFraction);
        }
        if (rows < 2) {
            throw new DataException(rows + (rows == 1 ? " row" : " rows")
                    + " of data, but a train/test split needs at least 2; add data");
        }
        List<int[]> groups = Shuffle.groups(rows, classCodes, seed);
        int[] testCounts = new int[groups.size()];
        int totalTest = 0;
        for (int g = 0; g < groups.size(); g++) {
            int n = groups.get(g).length;
            int count = n == 1 ? 0 : (int) Math.round(n * testFraction);
            // Keep every class that has two rows or more in train as well as in test.
            testCounts[g] = Math.min(Math.max(count, classCodes == null ? 1 : 0), n - 1);
            totalTest += testCounts[g];
        }
        if (totalTest == 0) {
            // Tiny stratified data: every class rounded to zero. Take one row from the largest class.
            int largest = 0;
            for (int g = 1; g < groups.size(); g++) {
                if (groups.get(g).length > groups.get(largest).length) {
                    largest = g;
                }
            }
            if (groups.get(largest).length < 2) {
                throw new DataException(rows + " rows with one row per class cannot give both a train and a test"
                        + " row for any class; add data");
            }
            testCounts[largest] = 1;
            totalTest = 1;
        }
        int[] test = new int[totalTest];
        int[] train = new int[rows - totalTest];
        int t = 0;
        int r = 0;
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            for (int i = 0; i < group.length; i++) {
                if (i < testCounts[g]) {
                    test[t++] = group[i];
                } else {
                    train[r++] = group[i];
                }
            }
        }
        Arrays.sort(test);
        Arrays.sort(train);
        return new Split(train, test);
    }
}
