package dev.mlship.onnx;

/** Writes a number the way people write it in a CSV: "3" for 3.0, otherwise Java's shortest form. */
final class NumberText {
    private NumberText() {}

    static String of(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
