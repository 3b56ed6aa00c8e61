package dev.mlship.bench;

import dev.mlship.config.PackageSpec;
import dev.mlship.config.SpecLoader;
import dev.mlship.image.FaultProxy;
import dev.mlship.image.LocalRegistry;
import dev.mlship.image.Registries;
import dev.mlship.image.RemoteException;
import dev.mlship.pipeline.PipelineRunner;
import dev.mlship.pipeline.RunOptions;
import dev.mlship.pipeline.StageLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: with the default retry limits, how long a run's push and a promotion take to give up on a
 * registry that answers 503 to every write, and that production stays where it was. Run with
 * {@code ./mvnw -Pbench test -Dtest=RegistryRefusalFigures}.
 */
class RegistryRefusalFigures {
    @TempDir
    Path dir;

    @Test
    void defaultLimitsAgainstARegistryRefusingEveryWrite() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false);
                FaultProxy proxy = FaultProxy.in(registry)) {
            Path project = Files.createDirectories(dir.resolve("project"));
            StringBuilder csv = new StringBuilder("a,b,y\n");
            for (int i = 0; i < 60; i++) {
                csv.append(i).append(',').append(i % 3 == 0 ? "x" : "z").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
            }
            Files.writeString(project.resolve("data.csv"), csv);
            Files.writeString(project.resolve("mlship.yaml"), """
                    name: refused
                    data: {path: data.csv, label: y}
                    model: {task: classification, algorithm: logistic}
                    evaluate: {folds: 2, bootstrap: 20}
                    package: {image: %s/acme/refused}
                    """.formatted(proxy.host()));
            var runner = new PipelineRunner(new StageLog(new PrintWriter(new StringWriter()), false), Map.of());
            // A first model in production, pushed and promoted while the registry still takes writes.
            runner.run(SpecLoader.load(project.resolve("mlship.yaml")), new RunOptions(project.resolve("out"), null,
                    "1".repeat(40), true, false));
            var mover = Registries.tagMover(new PackageSpec(proxy.host() + "/acme/refused", null, null, null), Map.of(), s -> {});
            String production = mover.promote("sha-" + "1".repeat(40), "production", false).after();

            proxy.always(FaultProxy.Kind.WRITES, FaultProxy.Injected.UNAVAILABLE_503);
            Files.writeString(project.resolve("data.csv"), csv.append("99,x,no\n"));
            long start = System.nanoTime();
            try {
                runner.run(SpecLoader.load(project.resolve("mlship.yaml")), new RunOptions(project.resolve("out2"), null,
                        "2".repeat(40), true, false));
            } catch (RemoteException e) {
                System.out.printf("run: exit %d after %.1f s: %s%n", e.exitCode().code(), (System.nanoTime() - start) / 1e9,
                        e.getMessage());
            }
            start = System.nanoTime();
            try {
                mover.promote("sha-" + "1".repeat(40), "other", false);
            } catch (RemoteException e) {
                System.out.printf("promote: exit %d after %.1f s: %s%n", e.exitCode().code(), (System.nanoTime() - start) / 1e9,
                        e.getMessage());
            }
            proxy.heal();
            System.out.println("production unchanged: " + production.equals(mover.promote("sha-" + "1".repeat(40),
                    "production", false).after()));
        }
    }
}
