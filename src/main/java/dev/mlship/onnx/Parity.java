package dev.mlship.onnx;

/** How closely ONNX Runtime reproduced the trained model on the test rows. */
public record Parity(int rows, double labelAgreement, double maxAbsDiff) {
    /** Largest allowed absolute difference of a probability or a regression output. */
    public static final double TOLERANCE = 1e-6;
}
