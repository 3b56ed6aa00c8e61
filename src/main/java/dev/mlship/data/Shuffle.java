package dev.mlship.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Seeded shuffling and grouping by class, shared by the train/test split and the folds. */
final class Shuffle {
    private Shuffle() {
    }

    /**
     * The rows grouped by class code, classes in ascending code order, each group shuffled. Without codes,
     * one group of all rows. The same seed gives the same groups on every machine and JDK.
     */
    static List<int[]> groups(int rows, int[] classCodes, long seed) {
        if (classCodes != null && classCodes.length != rows) {
            throw new IllegalArgumentException(classCodes.length + " class codes for " + rows + " rows");
        }
        SeededRandom random = new SeededRandom(seed);
        List<int[]> groups = new ArrayList<>();
        if (classCodes == null) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            groups.add(all);
        } else {
            // Sorting (code, row) pairs packed in a long keeps classes in code order and rows in file order.
            long[] keys = new long[rows];
            for (int row = 0; row < rows; row++) {
                keys[row] = ((long) classCodes[row] << 32) | row;
            }
            Arrays.sort(keys);
            int from = 0;
            for (int i = 1; i <= rows; i++) {
                if (i == rows || keys[i] >>> 32 != keys[from] >>> 32) {
                    int[] group = new int[i - from];
                    for (int j = from; j < i; j++) {
                        group[j - from] = (int) keys[j];
                    }
                    groups.add(group);
                    from = i;
                }
            }
        }
        for (int[] group : groups) {
            shuffle(group, random);
        }
        return groups;
    }

    /** Fisher-Yates. */
    static void shuffle(int[] values, SeededRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
