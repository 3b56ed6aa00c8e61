package dev.mlship.train;

import java.util.function.Supplier;

/**
 * Where Smile's regression trees may place a split. Smile 6.3's {@code RegressionTree} (also the tree inside
 * {@code GradientTreeBoost}, for classification too, and inside the regression {@code RandomForest}) tries a
 * split of a numeric column only each time the rows it has walked, counted from the start of the training
 * set, cross another multiple of n / 100: about 100 candidates per column at the root, and about one per
 * n / 100 rows in a node. A node with fewer rows than that gets one candidate at an arbitrary place or none,
 * so a tree grown "to the end" stops at leaves of around n / 100 rows (345 on the 34,500 training rows of
 * diamonds' folds). The step comes from the JVM-wide system property {@code smile.regression_tree.bins}
 * (read at every split; 10 or fewer means every boundary between two distinct values, as scikit-learn's
 * exact trees do).
 *
 * <p>A single {@code decision_tree} grows deep, so it is fitted with every boundary tried; the boosted trees
 * (3 levels, far above n / 100 rows a node) keep Smile's binned search, with which their defaults were
 * measured. Since the property is global, every fit that builds Smile regression trees goes through here,
 * one at a time: a binned fit never sees a concurrent exact fit's setting. Fits in mlship run one after
 * another, so the lock costs nothing.
 */
final class RegressionTreeSplits {
    static final String PROPERTY = "smile.regression_tree.bins";
    /** Any value up to 10 makes Smile try every boundary between two distinct values. */
    private static final String EVERY_BOUNDARY = "1";
    private static final Object LOCK = new Object();

    private RegressionTreeSplits() {}

    /** Fits with a split tried between every two distinct values of a column, as scikit-learn does. */
    static <T> T exact(Supplier<T> fit) {
        synchronized (LOCK) {
            String before = System.getProperty(PROPERTY);
            System.setProperty(PROPERTY, EVERY_BOUNDARY);
            try {
                return fit.get();
            } finally {
                if (before == null) {
                    System.clearProperty(PROPERTY);
                } else {
                    System.setProperty(PROPERTY, before);
                }
            }
        }
    }

    /** Fits with Smile's own candidate splits (or those the JVM was started with), never an exact fit's. */
    static <T> T binned(Supplier<T> fit) {
        synchronized (LOCK) {
            return fit.get();
        }
    }
}
