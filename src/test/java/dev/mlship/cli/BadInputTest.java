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
 * no output folder left behind. Each case pins the whole line ({dir} stands for the project folder): a
 * fragment such as a column name would also match an error about something else.
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
                Arguments.of("empty file", "", "{dir}/mlship.yaml: is empty; it needs at least name, data and model"),
                Arguments.of("syntax error", "name: [t\n", "{dir}/mlship.yaml line 2, column 1, name: YAML syntax error:"
                        + " expected ',' or ']', but got <stream end> (while parsing a flow sequence that starts at line 1)"),
                Arguments.of("unknown key", CONFIG + "colour: blue\n", "{dir}/mlship.yaml line 5, colour: unknown key;"
                        + " allowed keys at the top level: name, data, prepare, model, evaluate, package, promote"),
                Arguments.of("duplicate key", CONFIG + "name: again\n",
                        "{dir}/mlship.yaml line 5, name: duplicate key; it is already set at line 1"),
                Arguments.of("wrong type", CONFIG.replace("label: y", "label: y, split: {test: [1]}"),
                        "{dir}/mlship.yaml line 2, data.split.test: expected a number, got a list"),
                Arguments.of("test fraction 1", CONFIG.replace("label: y", "label: y, split: {test: 1.0}"),
                        "{dir}/mlship.yaml line 2, data.split.test: must be a number between 0 and 1 (exclusive),"
                        + " the share of rows held out for testing, got 1.0"),
                Arguments.of("unknown task", CONFIG.replace("task: classification", "task: ranking"),
                        "{dir}/mlship.yaml line 3, model.task: unknown task \"ranking\"; allowed: classification, regression"),
                Arguments.of("unknown algorithm", CONFIG.replace("logistic", "deep_forest"),
                        "{dir}/mlship.yaml line 3, model.algorithm: unknown algorithm \"deep_forest\"; allowed: logistic,"
                        + " linear, ridge, lasso, elastic_net, decision_tree, random_forest, gradient_boosting, mlp, svm, xgboost, auto"),
                Arguments.of("unknown metric", CONFIG.replace("folds: 2", "folds: 2, metrics: [auc, kappa]"),
                        "{dir}/mlship.yaml line 4, evaluate.metrics[1]: unknown metric \"kappa\"; allowed: accuracy, precision,"
                        + " recall, f1, f1_macro, f1_weighted, auc, logloss, brier, rmse, mae, r2, mape"),
                Arguments.of("empty search values",
                        CONFIG.replace("algorithm: logistic", "algorithm: logistic, search: {space: {lambda: []}}"),
                        "{dir}/mlship.yaml line 3, model.search.space.lambda: lists no value; give at least one, as a number >= 0"),
                Arguments.of("alias bomb", """
                        a: &a ["x","x","x","x","x","x","x","x","x"]
                        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                        """, "{dir}/mlship.yaml line 3, c[1]: more than 10 YAML aliases of lists or mappings; refused so the"
                        + " file cannot expand without bound"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configErrors")
    void configErrorsExitTwo(String what, String config, String message) throws Exception {
        Cli r = run(config, utf8(GOOD_CSV));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err().strip()).isEqualTo("mlship: " + message.replace("{dir}", dir.toString()));
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
                Arguments.of("missing file", CONFIG.replace("data.csv", "absent.csv"), null,
                        "{dir}/absent.csv: no such file; check data.path (relative paths start at the folder of mlship.yaml)"),
                Arguments.of("empty file", CONFIG, new byte[0],
                        "{dir}/data.csv line 1: the file is empty (0 bytes); it needs a header row and data rows"),
                Arguments.of("binary file", CONFIG, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1, 2},
                        "{dir}/data.csv line 1: a NUL byte at offset 4, so this looks like a binary file, not a CSV;"
                        + " point data.path at a UTF-8 CSV file"),
                Arguments.of("no rows", CONFIG, utf8("a,b,y\n"), "{dir}/data.csv line 1: the file has a header but no data rows;"
                        + " add rows below the header or point data.path at the full file"),
                Arguments.of("ragged row", CONFIG, utf8("a,b,y\n1,x,yes\n2,y\n"), "{dir}/data.csv line 3: 2 fields,"
                        + " but the header has 3 columns; check the delimiter (detected ',') and quoting"),
                Arguments.of("duplicate columns", CONFIG, utf8("a,a,y\n1,2,yes\n"), "{dir}/data.csv line 1:"
                        + " columns 1 and 2 of the header are both named 'a'; give each column a unique name"),
                Arguments.of("label column missing", CONFIG.replace("label: y", "label: target"), utf8(GOOD_CSV),
                        "{dir}/mlship.yaml line 2, data.label: column 'target' is not in data.csv (columns: a, b, y); fix data.label"),
                Arguments.of("label with one class", CONFIG, utf8("a,y\n1,yes\n2,yes\n3,yes\n4,yes\n"), "data.csv: label 'y' has only one class (yes); a classifier needs at least two"),
                Arguments.of("label all missing", CONFIG, utf8("a,y\n1,\n2,NA\n3,\n4,\n"),
                        "data.csv: every value of label 'y' is missing; fix data.label or the file"),
                Arguments.of("feature absent", CONFIG.replace("label: y", "label: y, features: [a, c]"), utf8(GOOD_CSV),
                        "{dir}/mlship.yaml line 2, data.features[1]: column 'c' is not in data.csv (did you mean 'a'?)"
                        + " (columns: a, b, y)"),
                Arguments.of("label in another case", CONFIG.replace("label: y", "label: status"), utf8(CASED_CSV),
                        "{dir}/mlship.yaml line 2, data.label: column 'status' is not in data.csv (did you mean 'Status'?)"
                        + " (columns: Amount, Home, Status); fix data.label"),
                Arguments.of("feature misspelt", CONFIG.replace("label: y", "label: Status, features: [Home, Amuont]"),
                        utf8(CASED_CSV), "{dir}/mlship.yaml line 2, data.features[1]: column 'Amuont' is not in data.csv"
                        + " (did you mean 'Amount'?) (columns: Amount, Home, Status)"),
                Arguments.of("type of a misspelt column", CONFIG.replace("label: y", "label: Status, types: {hom: categorical}"),
                        utf8(CASED_CSV),
                        "{dir}/mlship.yaml line 2, data.types.hom: column 'hom' is not in data.csv (did you mean 'Home'?)"),
                Arguments.of("no feature columns", CONFIG, utf8("y\nyes\nno\nyes\nno\n"),
                        "data.csv has no column besides the label 'y': add feature columns"),
                Arguments.of("fewer rows than folds", CONFIG.replace("folds: 2", "folds: 20"), utf8(GOOD_CSV),
                        "data.csv: 8 training rows but 20 folds; lower evaluate.folds (or model.search.folds) or add data"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataErrors")
    void dataErrorsExitThree(String what, String config, byte[] csv, String message) throws Exception {
        Cli r = run(config, csv);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err().strip()).isEqualTo("mlship: " + message.replace("{dir}", dir.toString()));
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
        assertThat(r.err()).contains("mlship: a quality gate failed (see " + dir.resolve("out/report.md") + ")");
        assertThat(dir.resolve("out/metrics.json")).content().contains("\"passed\" : false");
        assertThat(dir.resolve("out/report.md")).content().contains("**failed** by");
    }
}
