package dev.mlship.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.config.SpecLoader;
import dev.mlship.pipeline.PipelineRunner;
import dev.mlship.pipeline.RunOptions;
import dev.mlship.pipeline.StageLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review comment, rendered from real runs: what data and config put into it is inert; it stays under the limit. */
class ReviewCommentTest {
    static final String HOSTILE_COLUMN = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;

    @Test
    void namesFromDataAreEscapedAndColumnChangesAgainstProductionAreListed() throws Exception {
        Path before = project("before", "a,b," + quote(HOSTILE_COLUMN) + ",y", (r, i) -> r.nextGaussian() + "," + r.nextInt(5)
                + "," + r.nextGaussian());
        RunReport production = run(before, null);
        Path after = project("after", "a,b,c|d,y", (r, i) -> r.nextGaussian() + ",level" + r.nextInt(5) + "," + r.nextGaussian());

        RunReport candidate = run(after, dir.resolve("before/out"));
        String md = ReviewComment.render(candidate, new ReviewComment.Image("ghcr.io/acme/m:sha-abc", "sha256:" + "0".repeat(64), true));

        assertThat(production.baseline().firstModel()).isTrue();
        assertThat(md).startsWith("<!-- mlship:review-test -->\n");
        assertThat(md).doesNotContain("<img", "**bad|class**", "c|d");
        assertThat(md).contains("Feature columns against production: added **c&#124;d**; removed **&lt;img src=x onerror=alert(1)&gt;**;"
                + " retyped **b** (numeric → categorical).");
        assertThat(md).contains("\\*\\*bad&#124;class\\*\\*", "could not be scored on these rows");
        assertThat(md).contains("| metric | production | this PR | Δ | 95 % CI of Δ | gate |", "```mermaid\n%%{init: {\"themeVariables\"", "xychart-beta");
        assertThat(md).contains("Data drift (0 of 1 features)", "c&#124;d (not in the baseline's training data)");
        // every row of a table has as many cells as its header: no name broke out of its cell
        long cells = -1;
        for (String l : md.lines().toList()) {
            long count = l.chars().filter(c -> c == '|').count();
            if (!l.startsWith("|")) {
                cells = -1;
            } else if (cells < 0) {
                cells = count;
            } else {
                assertThat(count).as(l).isEqualTo(cells);
            }
        }
    }

    @Test
    void aHugeConfusionMatrixIsFoldedAwayToStayUnderTheLimit() throws Exception {
        Path many = project("many", "a,b,y", null);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        Random r = new Random(3);
        for (int i = 0; i < 2400; i++) {
            int k = i % 300;
            csv.append(k + r.nextGaussian() * 0.1).append(',').append(r.nextGaussian()).append(",class_number_").append(k).append('\n');
        }
        Files.writeString(many.resolve("data.csv"), csv);
        RunReport report = run(many, null);

        String md = ReviewComment.render(report, null);

        assertThat(report.classes()).hasSize(300);
        assertThat(md.length()).isLessThanOrEqualTo(ReviewComment.MAX_CHARS);
        assertThat(md).contains("Shortened to stay under 65536 characters", "| **").doesNotContain("<summary>Confusion matrix");
        assertThat(md).contains("First model: nothing to compare with");
    }

    @Test
    void threeHundredFeaturesAreCutToTablesThatSayWhatTheyLeaveOut() throws Exception {
        RunReport second = wide("features", 300, 2, 500);

        String md = ReviewComment.render(second, null);

        assertThat(second.analysis().drift().features()).hasSize(301);
        assertThat(md.length()).isLessThan(ReviewComment.MAX_CHARS);
        assertThat(md).contains("Shortened: the 20 highest of 301 features; all are in metrics.json.",
                "Top 10 of 301 features; all are in metrics.json.");
        // The verdict and the metric table come before every folded section.
        assertThat(md.indexOf("| metric | production | this PR |")).isLessThan(md.indexOf("<details>"));
    }

    @Test
    void aHundredSlicesAreCutToTheWorstThirty() throws Exception {
        RunReport second = wide("slices", 3, 100, 4000);

        String md = ReviewComment.render(second, null);

        assertThat(second.analysis().slices()).hasSize(100);
        assertThat(md.length()).isLessThan(ReviewComment.MAX_CHARS);
        assertThat(md).contains("Shortened: 30 of 100 slices, failed gates and the largest drops first; all are in metrics.json.");
        assertThat(md.lines().filter(l -> l.startsWith("| segment = "))).hasSize(30);
    }

    /** Two runs (the second against the first) on FEATURES normal columns and a SEGMENTS-level column, sliced by it. */
    private RunReport wide(String name, int features, int segments, int rows) throws Exception {
        Path wide = Files.createDirectories(dir.resolve(name));
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < features; f++) {
            csv.append("feature_").append(f).append(',');
        }
        csv.append("segment,y\n");
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int f = 0; f < features; f++) {
                double v = r.nextGaussian();
                sum += f < 3 ? v : 0;
                csv.append(String.format(java.util.Locale.ROOT, "%.3f", v)).append(',');
            }
            csv.append("s").append(i % segments).append(',').append(sum + r.nextGaussian() > 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(wide.resolve("data.csv"), csv);
        Files.writeString(wide.resolve("mlship.yaml"), """
                name: wide
                data: {path: data.csv, label: y}
                model: {task: classification, algorithm: decision_tree, params: {max_depth: 3}}
                evaluate: {folds: 2, bootstrap: 20, slices: [segment], slice_min_rows: 1, slice_gates: {accuracy: {min: 0.99}}}
                """);
        run(wide, null);
        return run(wide, wide.resolve("out"));
    }

    interface Row {
        String of(Random r, int i);
    }

    Path project(String name, String header, Row row) throws Exception {
        Path p = Files.createDirectories(dir.resolve(name));
        if (row != null) {
            StringBuilder csv = new StringBuilder(header).append('\n');
            Random r = new Random(7);
            for (int i = 0; i < 200; i++) {
                csv.append(row.of(r, i)).append(',').append(i % 3 == 0 ? quote("**bad|class**") : "good").append('\n');
            }
            Files.writeString(p.resolve("data.csv"), csv);
        }
        Files.writeString(p.resolve("mlship.yaml"), """
                name: review-test
                data: {path: data.csv, label: y}
                model: {task: classification, algorithm: decision_tree, params: {max_depth: 3}}
                evaluate: {folds: 2, bootstrap: 50, gates: {accuracy: {min: 0.1}}}
                """);
        return p;
    }

    RunReport run(Path project, Path baseline) {
        var log = new StageLog(new PrintWriter(new StringWriter()), false);
        return new PipelineRunner(log, Map.of()).run(SpecLoader.load(project.resolve("mlship.yaml")),
                RunOptions.local(project.resolve("out"), baseline)).report();
    }

    static String quote(String s) {
        return '"' + s + '"';
    }
}
