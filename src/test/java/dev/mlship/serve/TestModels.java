package dev.mlship.serve;

/** Models for tests outside this package. */
public final class TestModels {
    private TestModels() {}

    public static byte[] classifier(String name) {
        return ServeFixture.classifier(name);
    }
}
