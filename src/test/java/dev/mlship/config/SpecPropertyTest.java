package dev.mlship.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assertions;

/**
 * Generated mlship.yaml files — a valid config with keys, values, indentation and syntax mutated, or text
 * that is hardly YAML at all — loaded as every command loads them: each loads, or is refused with mlship's
 * own one-line error (exit 2, or 3 for its data). Never another exception or a hang.
 */
class SpecPropertyTest {
    static final String VALID = """
            name: generated
            data:
              path: data.csv
              label: y
              features: [a, b]
              split: {test: 0.2, seed: 42}
            prepare:
              impute: {numeric: median, categorical: most_frequent}
              encode: onehot
              scale: standard
            model:
              task: classification
              algorithm: gradient_boosting
              params: {trees: 20, shrinkage: 0.1}
              search: {method: grid, folds: 3, space: {max_depth: [2, 3]}}
            evaluate:
              primary: auc
              metrics: [auc, accuracy]
              gates:
                auc: {min: 0.5, max_drop: 0.01}
            package:
              image: registry.example/acme/generated
              tags: [latest]
            promote:
              tag: production
            """;

    static final List<String> SCALARS = List.of("0", "-1", "1e9", "0.5", "true", "no", "null", "~", "''", "\"\"", "abc",
            "[1, 2]", "{a: 1}", "[", "{", "]", "}", "'unterminated", "\"x", "&anchor x", "*alias", "!!binary aGk=",
            "!custom x", "@", "`", "%", "|", ">", "-", "? x", "x: y: z", "\t", "2026-12-07", "0x1F", ".inf", "-.nan",
            "[[[[[[[[[[1]]]]]]]]]]", "ü", "\uD83D\uDE00", "\u0000", "100000000000000000000000", "{trees: -5}",
            "[auc, nonsense]", "regression", "xgboost", "auto", "random_forest", "mlp", "svm", "lasso", "/etc/passwd",
            "../data.csv", "data.csv", "y", "a", "b");

    static Path dir;
    static final AtomicInteger LOADED = new AtomicInteger();
    static final AtomicInteger REFUSED = new AtomicInteger();

    @BeforeContainer
    static void data() throws Exception {
        dir = Files.createTempDirectory("spec-properties");
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i % 3).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
    }

    @AfterContainer
    static void report() {
        System.out.printf("generated configs: %d loaded, %d refused with a one-line error%n", LOADED.get(), REFUSED.get());
    }

    @Example
    void theConfigThatIsMutatedLoads() throws Exception {
        Path file = Files.writeString(dir.resolve("valid.yaml"), VALID);
        assertThat(SpecLoader.load(file).spec().name()).isEqualTo("generated");
    }

    @Property
    void everyConfigLoadsOrIsRefusedWithOneLine(@ForAll("configs") String yaml) throws Exception {
        // getBytes, not writeString: a generated lone surrogate becomes '?' instead of failing the write
        Path file = Files.write(Files.createTempFile(dir, "mlship", ".yaml"), yaml.getBytes(StandardCharsets.UTF_8));
        try {
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    Settings s = SpecLoader.load(file);
                    assertThat(s.spec()).isNotNull();
                    LOADED.incrementAndGet();
                } catch (MlshipException e) {
                    assertThat(e.exitCode()).as(e.getMessage()).isIn(ExitCode.USAGE, ExitCode.DATA);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                    REFUSED.incrementAndGet();
                }
                // The validate command's listing of every problem holds to the same rule.
                for (String problem : SpecLoader.problems(file)) {
                    assertThat(problem).isNotBlank().doesNotContain("\n");
                }
            });
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> configs() {
        Arbitrary<String> mutated = Arbitraries.longs().map(SpecPropertyTest::mutate);
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> yamlish = Arbitraries.strings().withChars("abcdey:-[]{},#&*!|>'\" \n\t0123456789.").ofMaxLength(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, mutated), net.jqwik.api.Tuple.of(1, noise),
                net.jqwik.api.Tuple.of(1, yamlish));
    }

    /** The valid config with one to four of: a value replaced, a line deleted, duplicated, re-indented or cut. */
    static String mutate(long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(VALID.lines().toList());
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && !lines.isEmpty(); i++) {
            int at = r.nextInt(lines.size());
            String line = lines.get(at);
            switch (r.nextInt(7)) {
                case 0, 1 -> {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        lines.set(at, line.substring(0, colon + 1) + " " + SCALARS.get(r.nextInt(SCALARS.size())));
                    }
                }
                case 2 -> lines.remove(at);
                case 3 -> lines.add(at, line);
                case 4 -> lines.set(at, " ".repeat(r.nextInt(5)) + line.strip());
                case 5 -> lines.set(at, line.substring(0, r.nextInt(line.length() + 1)));
                default -> lines.add(at, " ".repeat(2 * r.nextInt(3)) + "unknown_" + r.nextInt(3) + ": "
                        + SCALARS.get(r.nextInt(SCALARS.size())));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
