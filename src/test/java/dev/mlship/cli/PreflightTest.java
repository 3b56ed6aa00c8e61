package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.image.LocalRegistry;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes that only matter at the end of a run (the baseline path, the output folder, the registry) are
 * found before training: the run stops in its preflight stage, and the data stage never starts.
 */
class PreflightTest {
    /** Far more than a preflight needs; training the generated data takes much longer (see bigProject). */
    private static final long LIMIT_MILLIS = 5_000;

    @TempDir
    Path dir;

    /**
     * 60,000 rows and 1,000 boosted trees of depth 6: minutes of training on this machine's two cores, so a
     * mistake found after training could never come back within the limit.
     */
    private Path bigProject(String packageLine) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        SplittableRandom r = new SplittableRandom(11);
        try (Writer w = Files.newBufferedWriter(project.resolve("data.csv"))) {
            w.write("a,b,c,d,e,f,g,h,y\n");
            for (int i = 0; i < 60_000; i++) {
                double s = 0;
                for (int c = 0; c < 8; c++) {
                    double v = r.nextGaussian();
                    s += v * (c + 1);
                    w.write(Double.toString(v));
                    w.write(',');
                }
                w.write(s + r.nextGaussian() > 0 ? "yes\n" : "no\n");
            }
        }
        Files.writeString(project.resolve("mlship.yaml"), """
                name: slow
                data: {path: data.csv, label: y}
                model: {task: classification, algorithm: gradient_boosting, params: {trees: 1000, max_depth: 6}}
                evaluate: {folds: 5, bootstrap: 1000}
                """ + packageLine);
        return project;
    }

    private static void assertStoppedInPreflight(Cli r, long millis, int exitCode, String... mentions) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exitCode);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains(mentions);
        assertThat(r.out()).contains("[preflight]").doesNotContain("[prepare]", "[train]");
        assertThat(millis).as("milliseconds to the error").isLessThan(LIMIT_MILLIS);
    }

    private static long[] timed(Cli[] result, String... args) {
        long start = System.nanoTime();
        result[0] = Cli.run(args);
        return new long[] {(System.nanoTime() - start) / 1_000_000};
    }

    @Test
    void aWrongBaselinePathFailsBeforeTraining() throws Exception {
        Path project = bigProject("");
        Cli[] r = new Cli[1];
        long millis = timed(r, "run", project.toString(), "--out", dir.resolve("out").toString(),
                "--baseline", dir.resolve("no-such-run").toString())[0];
        System.out.println("wrong --baseline reported after " + millis + " ms");
        assertStoppedInPreflight(r[0], millis, 2, "--baseline " + dir.resolve("no-such-run") + ": no such file or folder");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBaselineFolderWithoutAModelFailsBeforeTraining() throws Exception {
        Path project = bigProject("");
        Path empty = Files.createDirectories(dir.resolve("empty-run"));
        Cli[] r = new Cli[1];
        long millis = timed(r, "run", project.toString(), "--out", dir.resolve("out").toString(), "--baseline", empty.toString())[0];
        assertStoppedInPreflight(r[0], millis, 2, "--baseline " + empty + ": no model.onnx there");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedFailsBeforeTraining() throws Exception {
        Path project = bigProject("");
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Cli[] r = new Cli[1];
        long millis = timed(r, "run", project.toString(), "--out", file.resolve("sub/out").toString())[0];
        assertStoppedInPreflight(r[0], millis, 2, "--out " + file.resolve("sub/out"), file + " is a file, not a folder");
    }

    @Test
    void anUnreachableRegistryFailsBeforeTraining() throws Exception {
        // A port bound but not listening refuses connections, and no other process can listen on it while it is
        // held; a port closed again before the run could be taken by one in between.
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int closedPort = held.getLocalPort();
            Path project = bigProject("package: {image: 127.0.0.1:" + closedPort + "/acme/slow}\n");
            Cli[] r = new Cli[1];
            long millis = timed(r, "run", project.toString(), "--out", dir.resolve("out").toString())[0];
            System.out.println("unreachable registry reported after " + millis + " ms");
            assertStoppedInPreflight(r[0], millis, 4, "cannot reach registry 127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aRegistryThatRefusesTheCredentialsFailsBeforeTraining() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), true)) {
            Path project = bigProject("package: {image: " + registry.host() + "/acme/slow}\n");
            Cli[] r = new Cli[1];
            long millis = timed(r, "run", project.toString(), "--out", dir.resolve("out").toString())[0];
            System.out.println("registry without credentials reported after " + millis + " ms");
            assertStoppedInPreflight(r[0], millis, 4, "refused access to acme/slow (unauthorized)", "MLSHIP_REGISTRY_USERNAME");
        }
    }

    @Test
    void aRegistryThatAnswersPassesThePreflight() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false)) {
            Path project = Files.createDirectories(dir.resolve("small"));
            StringBuilder csv = new StringBuilder("a,b,y\n");
            for (int i = 0; i < 40; i++) {
                csv.append(i).append(',').append(i % 3 == 0 ? "x" : "z").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
            }
            Files.writeString(project.resolve("data.csv"), csv);
            Files.writeString(project.resolve("mlship.yaml"), """
                    name: small
                    data: {path: data.csv, label: y}
                    model: {task: classification, algorithm: logistic}
                    evaluate: {folds: 2, bootstrap: 20}
                    package: {image: %s/acme/small}
                    """.formatted(registry.host()));
            Cli r = Cli.run("run", project.toString(), "--out", dir.resolve("out").toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("registry " + registry.host() + " answers and accepts the credentials for acme/small",
                    "[preflight]", "[train]");
            assertThat(r.out().indexOf("[preflight]")).isLessThan(r.out().indexOf("[prepare]"));
        }
    }
}
