package dev.mlship.config;

/** Train/test split: the test fraction and the seed; {@code stratify} null means "when classifying". */
public record SplitSpec(Double test, Long seed, Boolean stratify) {
    public static final SplitSpec DEFAULT = new SplitSpec(null, null, null);

    public SplitSpec {
        test = test == null ? 0.2 : test;
        seed = seed == null ? 42L : seed;
    }
}
