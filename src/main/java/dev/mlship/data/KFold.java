package dev.mlship.data;

import java.util.ArrayList;
import java.util.List;

/** Seeded k-fold cross-validation splits. */
public final class KFold {
    private KFold() {
    }

    /**
     * {@code k} splits whose test arrays (the validation rows) are disjoint and together cover every row.
     * Rows are shuffled, then dealt round-robin over the folds; with class codes each class is dealt in turn,
     * continuing where the previous class stopped, so every fold gets its share of each class and the fold
     * sizes differ by at most one.
     *
     * @param classCodes the label's class code per row, or null for plain folds
     */
    public static List<Split> of(int rows, int[] classCodes, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds: " + k);
        }
        if (rows < k) {
            throw new DataException(rows + " rows but " + k
                    + " folds: lower folds (evaluate.folds or model.search.folds) or add data");
        }
        int[] foldOf = new int[rows];
        int[] sizes = new int[k];
        int next = 0;
        for (int[] group : Shuffle.groups(rows, classCodes, seed)) {
            for (int row : group) {
                foldOf[row] = next;
                sizes[next]++;
                next = (next + 1) % k;
            }
        }
        List<Split> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] validation = new int[sizes[f]];
            int[] train = new int[rows - sizes[f]];
            int v = 0;
            int t = 0;
            for (int row = 0; row < rows; row++) { // ascending, so both arrays come out sorted
                if (foldOf[row] == f) {
                    validation[v++] = row;
                } else {
                    train[t++] = row;
                }
            }
            folds.add(new Split(train, validation));
        }
        return List.copyOf(folds);
    }
}
