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
        assertThat(md).contains("| metric | production | this PR | Δ | 95 % CI of Δ | gate |", "```mermaid\nxychart-beta");
        // every table row has the same number of cells: no name broke out of its cell
        md.lines().filter(l -> l.startsWith("| ")).forEach(l -> assertThat(l.chars().filter(c -> c == '|').count())
                .as(l).isIn(7L, 4L));
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
