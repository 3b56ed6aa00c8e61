package dev.mlship.pipeline;

import dev.mlship.data.SchemaReport;
import dev.mlship.data.Split;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import java.util.List;

/**
 * The data of a run after reading and splitting: rows with a missing label are already dropped;
 * {@code split} indexes the {@code rows} labelled rows and {@code target}. The training and test rows
 * are copied out once, and the table they came from is not kept: on large files it would double the
 * memory a run holds.
 */
record PreparedData(
        String sha256,
        int rows,
        Table train,
        Table test,
        Target target,
        List<String> features,
        Split split,
        int droppedRows,
        SchemaReport schema) {

    Target trainTarget() {
        return target.select(split.train());
    }

    Target testTarget() {
        return target.select(split.test());
    }
}
