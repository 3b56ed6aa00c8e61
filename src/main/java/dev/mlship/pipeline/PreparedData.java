package dev.mlship.pipeline;

import dev.mlship.data.Dataset;
import dev.mlship.data.SchemaReport;
import dev.mlship.data.Split;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import java.util.List;

/**
 * The data of a run after reading and splitting: rows with a missing label are already dropped from
 * {@code table} and {@code target}; {@code split} indexes both.
 */
record PreparedData(
        Dataset dataset,
        Table table,
        Target target,
        List<String> features,
        Split split,
        int droppedRows,
        SchemaReport schema) {

    Table train() {
        return table.select(split.train());
    }

    Table test() {
        return table.select(split.test());
    }

    Target trainTarget() {
        return target.select(split.train());
    }

    Target testTarget() {
        return target.select(split.test());
    }
}
