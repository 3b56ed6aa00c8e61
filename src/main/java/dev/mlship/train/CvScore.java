package dev.mlship.train;

/** Mean and sample standard deviation of one metric over the CV folds. */
public record CvScore(double mean, double std) {
    static CvScore of(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new CvScore(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0.0);
    }
}
