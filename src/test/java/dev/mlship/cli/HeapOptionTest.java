package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checkout's launcher ({@code ./mlship}) and the JVM image's entrypoint give the JVM 70 % of the memory it
 * sees as heap, or for a run of logistic or xgboost on one CSV file 5 times the file's size (at least 1 GiB) when
 * that is less, and leave a heap size the user chose alone. Each script starts a stand-in {@code java} that runs
 * the real JVM with the script's options, told it has 4 GiB ({@code -XX:MaxRAM}), and prints the heap size
 * that JVM settled on.
 */
class HeapOptionTest {
    private static final long MAX_RAM = 4L << 30;
    private static final Pattern MAX_HEAP = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)");

    @TempDir
    Path dir;
    private Path launcher;
    private Path jdkBin;

    @BeforeEach
    void layOutACheckoutWithABuiltJar() throws Exception {
        // The launcher rebuilds when a source is newer than the jar: an empty source tree and an old pom keep it from that.
        Files.createDirectories(dir.resolve("src/main"));
        Path pom = Files.writeString(dir.resolve("pom.xml"), "");
        Files.setLastModifiedTime(pom, FileTime.fromMillis(0));
        Files.createDirectories(dir.resolve("target/quarkus-app"));
        Files.writeString(dir.resolve("target/quarkus-app/quarkus-run.jar"), "");
        launcher = Files.copy(Path.of("mlship"), dir.resolve("mlship"));
        jdkBin = Files.createDirectories(dir.resolve("jdk/bin"));
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path java = Files.writeString(jdkBin.resolve("java"), """
                #!/usr/bin/env bash
                [ "$1" = -version ] && exec '%s' -version
                options=()
                for a in "$@"; do [ "$a" = -jar ] && break; options+=("$a"); done
                exec '%s' -XX:MaxRAM=%d "${options[@]}" -XX:+PrintFlagsFinal -version
                """.formatted(realJava, realJava, MAX_RAM));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @ParameterizedTest(name = "{0} {1} of {2} MiB, {3}, {4} config: {5}")
    @CsvSource({
        // 5 x the file, at least 1 GiB, for the algorithms whose memory per byte was measured.
        "launcher, run, 300, logistic, block, -1500",
        "launcher, run, 300, xgboost, flow, -1500",
        "launcher, run, 10, logistic, flow, -1024",
        "launcher, ci, 300, logistic, block, -1500",
        "entrypoint, run, 300, logistic, flow, -1500",
        "entrypoint, ci, 300, xgboost, block, -1500",
        "launcher, ci-absolute, 300, logistic, flow, -1500",
        // Everything else keeps 70 % of the memory.
        "launcher, run, 300, random_forest, flow, 70",
        "launcher, run, 300, auto, block, 70",
        "launcher, predict, 300, logistic, flow, 70",
        "launcher, run, 300, logistic-parquet, flow, 70",
        "entrypoint, run, 300, gradient_boosting, block, 70",
        // A text column with many levels (one-hot encoding widens it beyond the file's size) keeps 70 % too.
        "launcher, run, 300, logistic-wide, flow, 70",
        "entrypoint, run, 300, xgboost-wide, block, 70",
        "launcher, run, 300, logistic-semicolons, flow, 70",
    })
    void heapFollowsTheDataFileForLogisticAndXgboost(String script, String command, int mib, String algorithm, String style,
            int expected) throws Exception {
        boolean parquet = algorithm.endsWith("-parquet");
        String name = parquet ? "train.parquet" : "train.csv";
        String head = head(algorithm.contains("-") ? algorithm.substring(algorithm.indexOf('-') + 1) : "");
        algorithm = algorithm.replaceAll("-.*", "");
        Path project = Files.createDirectories(dir.resolve("project"));
        Path data = Files.createDirectories(project.resolve("data")).resolve(name);
        Files.writeString(data, head);
        try (var file = new java.io.RandomAccessFile(data.toFile(), "rw")) {
            file.setLength((long) mib << 20); // sparse beyond the first rows: the size and those rows count
        }
        Files.writeString(project.resolve("mlship.yaml"), style.equals("flow") ? """
                name: heap
                data: {path: "data/%s", label: y, split: {test: 0.2, seed: 1}}
                model: {task: classification, algorithm: %s, params: {max_iter: 10}}
                """.formatted(name, algorithm) : """
                name: heap  # a comment
                data:
                  path: data/%s   # relative to this file
                  label: y
                model:
                  task: classification
                  algorithm: '%s'
                  params:
                    path: elsewhere.csv
                """.formatted(name, algorithm));
        Map<String, String> env = new HashMap<>();
        List<String> args = switch (command) {
            case "run" -> List.of("run", "--out", dir.resolve("out").toString(), project.toString());
            case "ci" -> {
                env.put("INPUT_WORKING_DIRECTORY", dir.toString());
                env.put("INPUT_CONFIG", "project/mlship.yaml");
                yield List.of("ci");
            }
            case "ci-absolute" -> {
                env.put("INPUT_WORKING_DIRECTORY", dir.resolve("elsewhere").toString());
                env.put("INPUT_CONFIG", project.resolve("mlship.yaml").toString());
                yield List.of("ci");
            }
            default -> List.of(command, "--model", "m.onnx", "--data", data.toString());
        };
        assertHeap(script, env, args, expected);
    }

    /**
     * The first rows of the data file: two numbers, a quoted text column of 3 levels and a label, 2,500 rows ("": a
     * comma-separated file whose text adds few levels), 2,500 levels ("wide"), or the same separated by semicolons.
     */
    private static String head(String kind) {
        StringBuilder csv = new StringBuilder(kind.equals("semicolons") ? "a;b;c;y\n" : "a,b,\"c\",y\r\n");
        for (int i = 0; i < 2_500; i++) { // more rows than the launchers read
            String level = kind.equals("wide") ? "id" + i : "level" + i % 3;
            csv.append(kind.equals("semicolons") ? "%d;%.2f;%s;%d\n".formatted(i, i / 7.0, level, i % 2)
                    : "%d,%.2e,\"%s\",%s\r\n".formatted(i, i / 7.0, level, i % 2 == 0 ? "yes" : "NA"));
        }
        return csv.toString();
    }

    @ParameterizedTest(name = "{0} with {1}=''{2}''")
    @CsvSource({
        "launcher, NONE, '', 70",
        "launcher, JAVA_TOOL_OPTIONS, -Xmx300m, -300",
        "launcher, JAVA_TOOL_OPTIONS, -Dx=1 -XX:MaxRAMPercentage=40, 40",
        "launcher, JDK_JAVA_OPTIONS, -XX:MaxHeapSize=200m, -200",
        "launcher, MLSHIP_JAVA_OPTS, -XX:MaxRAMPercentage=50, 50",
        "entrypoint, NONE, '', 70",
        "entrypoint, JAVA_TOOL_OPTIONS, -Xmx300m, -300",
        "entrypoint, JAVA_TOOL_OPTIONS, -XX:MaxRAMPercentage=40, 40",
        "entrypoint, MLSHIP_JAVA_OPTS, -Xmx256m, -256",
    })
    void heapIsSeventyPercentUnlessTheUserChoseOne(String script, String variable, String value, int expected) throws Exception {
        assertHeap(script, variable.equals("NONE") ? Map.of() : Map.of(variable, value), List.of("--version"), expected);
    }

    /** Runs the script with these variables and arguments; expected: a size in MiB when negative, else a percentage. */
    private void assertHeap(String script, Map<String, String> variables, List<String> args, int expected) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MLSHIP_JAVA_OPTS", "MLSHIP_AOT_OUTPUT",
                "INPUT_CONFIG", "INPUT_WORKING_DIRECTORY"));
        env.putAll(variables);
        List<String> command = new java.util.ArrayList<>();
        if (script.equals("launcher")) {
            env.put("JAVA_HOME", dir.resolve("jdk").toString());
            command.add(launcher.toString());
        } else {
            env.put("PATH", jdkBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            command.addAll(List.of("sh", Path.of("src/main/docker/mlship-jvm").toAbsolutePath().toString()));
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        Matcher m = MAX_HEAP.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long heap = Long.parseLong(m.group(1));

        if (expected < 0) { // an explicit size in MiB
            assertThat(heap).as(output).isEqualTo(-expected * (1L << 20));
        } else { // a share of MaxRAM, rounded down to the heap's alignment
            assertThat((double) heap / MAX_RAM).as(output).isCloseTo(expected / 100.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }
}
