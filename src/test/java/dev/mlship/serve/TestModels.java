package dev.mlship.serve;

/** Models for tests outside this package. */
public final class TestModels {
    private TestModels() {}

    public static byte[] classifier(String name) {
        return ServeFixture.classifier(name);
    }

    /** A V2 inference request body for {@link #classifier(String)}: {@code rows} seeded rows. */
    public static String v2Request(int rows, long seed) {
        return ServeFixture.v2Request(ServeFixture.table(rows, seed, false), 0, rows).toString();
    }
}
