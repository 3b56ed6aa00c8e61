package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.mlship.prepare.FittedOneHot;
import dev.mlship.prepare.FittedPreprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Emits the fitted preparation as graph nodes, in double precision with standard operators so every
 * value equals the Java transform: numeric = (Where(IsNaN(x), fill, x) - center) / scale; categorical =
 * LabelEncoder to the one-hot slot, then Equal against 0..k-1 cast to double.
 */
final class PreprocessorExport {
    private static final long[] SCALAR = {};

    private PreprocessorExport() {}

    /**
     * Adds one input per raw feature and the nodes that prepare them; returns the [N, p] matrix.
     *
     * @param missingMarkers text a caller may send for a missing categorical value (the CSV markers)
     */
    static String emit(Graph g, FittedPreprocessor prep, Set<String> missingMarkers) {
        List<String> blocks = new ArrayList<>();
        for (String feature : prep.features()) {
            FittedOneHot enc = prep.encoder(feature);
            if (enc == null) {
                blocks.add(numeric(g, feature, prep));
            } else {
                blocks.add(categorical(g, feature, enc, prep.imputer().categoricalFill().get(feature), missingMarkers));
            }
        }
        return blocks.size() == 1 ? blocks.getFirst()
                : g.node(Op.CONCAT, blocks, new Graph.Attrs().i("axis", 1));
    }

    private static String numeric(Graph g, String feature, FittedPreprocessor prep) {
        String x = g.input(feature, DataType.DOUBLE, 1);
        String fill = g.doubles(SCALAR, prep.imputer().numericFill().get(feature));
        String filled = g.node(Op.WHERE, g.node(Op.IS_NAN, x), fill, x);
        String centred = g.node(Op.SUB, filled, g.doubles(SCALAR, prep.scaler().center().get(feature)));
        return g.node(Op.DIV, centred, g.doubles(SCALAR, prep.scaler().scale().get(feature)));
    }

    private static String categorical(Graph g, String feature, FittedOneHot enc, String fill, Set<String> missingMarkers) {
        String x = g.input(feature, DataType.STRING, 1);
        int width = enc.width();
        int unseen = enc.hasOther() ? enc.categories().size() : -1;
        List<String> keys = new ArrayList<>(enc.categories());
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < enc.categories().size(); i++) {
            slots.add((long) i);
        }
        int fillSlot = enc.categories().indexOf(fill);
        long missingSlot = fillSlot >= 0 ? fillSlot : unseen;
        for (String marker : missingMarkers) {
            if (!keys.contains(marker)) {
                keys.add(marker);
                slots.add(missingSlot);
            }
        }
        String slot = g.node(Op.LABEL_ENCODER, List.of(x), new Graph.Attrs()
                .strings("keys_strings", keys)
                .ints("values_int64s", slots.stream().mapToLong(Long::longValue).toArray())
                .i("default_int64", unseen));
        // Equal against 0..k-1 gives the one-hot row; -1 (unseen, no "other" column) matches nothing.
        String range = g.longs(new long[] {width}, LongStream.range(0, width).toArray());
        String hot = g.node(Op.EQUAL, slot, range);
        return g.node(Op.CAST, List.of(hot), new Graph.Attrs().i("to", DataType.DOUBLE.getNumber()));
    }
}
