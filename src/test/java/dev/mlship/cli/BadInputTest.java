package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the command line: one clear line, the documented exit code, no stack trace, and
 * no output folder left behind.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            name: t
            data: {path: data.csv, label: y}
            model: {task: classification, algorithm: logistic}
            evaluate: {folds: 2, bootstrap: 50}
            """;

    private static final String CASED_CSV = "Amount,Home,Status\n" + "1,x,good\n2,y,bad\n3,x,good\n4,y,bad\n5,x,good\n6,y,bad\n";
    private static final String GOOD_CSV = "a,b,y\n" + "1,x,yes\n2,y,no\n3,x,yes\n4,y,no\n5,x,yes\n6,y,no\n7,x,yes\n8,y,no\n"
            + "9,x,yes\n10,y,no\n";

    private Cli run(String config, byte[] csv) throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), config);
        if (csv != null) {
            Files.write(dir.resolve("data.csv"), csv);
        }
        return Cli.run("run", dir.toString(), "--out", dir.resolve("out").toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> configErrors() {
        return Stream.of(
                Arguments.of("empty file", "", "empty"),
                Arguments.of("syntax error", "name: [t\n", "line"),
                Arguments.of("unknown key", CONFIG + "colour: blue\n", "colour"),
                Arguments.of("duplicate key", CONFIG + "name: again\n", "name"),
                Arguments.of("wrong type", CONFIG.replace("label: y", "label: y, split: {test: [1]}"), "test"),
                Arguments.of("test fraction 1", CONFIG.replace("label: y", "label: y, split: {test: 1.0}"), "test"),
                Arguments.of("unknown task", CONFIG.replace("task: classification", "task: ranking"), "regression"),
                Arguments.of("unknown algorithm", CONFIG.replace("logistic", "deep_forest"), "random_forest"),
                Arguments.of("unknown metric", CONFIG.replace("folds: 2", "folds: 2, metrics: [auc, kappa]"), "kappa"),
                Arguments.of("empty search values",
                        CONFIG.replace("algorithm: logistic", "algorithm: logistic, search: {space: {lambda: []}}"), "lambda"),
                Arguments.of("alias bomb", """
                        a: &a ["x","x","x","x","x","x","x","x","x"]
                        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                        """, "alias"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configErrors")
    void configErrorsExitTwo(String what, String config, String mentions) throws Exception {
        Cli r = run(config, utf8(GOOD_CSV));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("mlship.yaml").containsIgnoringCase(mentions);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void missingConfigExitsTwo() {
        Cli r = Cli.run("run", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.oneLineError()).isTrue();
        assertThat(r.err()).contains("nope.yaml");
    }

    static Stream<Arguments> dataErrors() {
        return Stream.of(
                Arguments.of("missing file", CONFIG.replace("data.csv", "absent.csv"), null, "absent.csv"),
                Arguments.of("empty file", CONFIG, new byte[0], "empty"),
                Arguments.of("binary file", CONFIG, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1, 2}, "binary"),
                Arguments.of("no rows", CONFIG, utf8("a,b,y\n"), "no data rows"),
                Arguments.of("ragged row", CONFIG, utf8("a,b,y\n1,x,yes\n2,y\n"), "line 3"),
                Arguments.of("duplicate columns", CONFIG, utf8("a,a,y\n1,2,yes\n"), "a"),
                Arguments.of("label column missing", CONFIG.replace("label: y", "label: target"), utf8(GOOD_CSV), "target"),
                Arguments.of("label with one class", CONFIG, utf8("a,y\n1,yes\n2,yes\n3,yes\n4,yes\n"), "one class"),
                Arguments.of("label all missing", CONFIG, utf8("a,y\n1,\n2,NA\n3,\n4,\n"), "missing"),
                Arguments.of("feature absent", CONFIG.replace("label: y", "label: y, features: [a, c]"), utf8(GOOD_CSV),
                        "'c'"),
                Arguments.of("label in another case", CONFIG.replace("label: y", "label: status"), utf8(CASED_CSV),
                        "data.label: column 'status' is not in data.csv (did you mean 'Status'?)"),
                Arguments.of("feature misspelt", CONFIG.replace("label: y", "label: Status, features: [Home, Amuont]"),
                        utf8(CASED_CSV), "data.features[1]: column 'Amuont' is not in data.csv (did you mean 'Amount'?)"),
                Arguments.of("type of a misspelt column", CONFIG.replace("label: y", "label: Status, types: {hom: categorical}"),
                        utf8(CASED_CSV), "data.types.hom: column 'hom' is not in data.csv (did you mean 'Home'?)"),
                Arguments.of("no feature columns", CONFIG, utf8("y\nyes\nno\nyes\nno\n"), "feature"),
                Arguments.of("fewer rows than folds", CONFIG.replace("folds: 2", "folds: 20"), utf8(GOOD_CSV), "folds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataErrors")
    void dataErrorsExitThree(String what, String config, byte[] csv, String mentions) throws Exception {
        Cli r = run(config, csv);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains(mentions);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void rowsWithoutALabelAreDroppedWithAWarning() throws Exception {
        Cli r = run(CONFIG, utf8(GOOD_CSV + "11,x,\n12,y,NA\n"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 rows", "no value for label 'y'");
        assertThat(Files.readString(dir.resolve("out/metrics.json"))).contains("\"rows\" : 12");
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("## Notes", "no value for label 'y' and are left out");
    }

    @Test
    void oddButValidInputRuns() throws Exception {
        // BOM, semicolons, Unicode and HTML-like names, a quoted field with the delimiter, NA markers.
        StringBuilder csv = new StringBuilder("\uFEFFGröße;<b>名前</b>;\"note; quoted\";y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 5 == 0 ? "NA" : String.valueOf(i)).append(';')
                    .append(i % 2 == 0 ? "\"a;b\"" : "c").append(';')
                    .append(i % 7 == 0 ? "null" : "\"x \"\"y\"\"\"").append(';')
                    .append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Cli r = run(CONFIG, utf8(csv.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        String report = Files.readString(dir.resolve("out/report.md"));
        assertThat(report).doesNotContain("<b>");
        assertThat(Files.readString(dir.resolve("out/schema.json"))).contains("Größe", "<b>名前</b>");
    }

    @Test
    void aFailedGateExitsOneAfterWritingEverything() throws Exception {
        Cli r = run(CONFIG.replace("bootstrap: 50", "bootstrap: 50, gates: {logloss: {max: 0.000001}}"), utf8(GOOD_CSV));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("gate");
        assertThat(dir.resolve("out/metrics.json")).content().contains("\"passed\" : false");
        assertThat(dir.resolve("out/report.md")).content().contains("**failed** by");
    }
}
