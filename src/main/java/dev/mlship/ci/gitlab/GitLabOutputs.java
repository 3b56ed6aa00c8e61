package dev.mlship.ci.gitlab;

import dev.mlship.ci.JobOutputs;
import dev.mlship.ci.JobResult;
import dev.mlship.report.OpenMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * GitLab CI's side of a job: mlship.env for {@code artifacts:reports:dotenv} (the outputs as
 * {@code MLSHIP_RESULT_*} variables, so they never shadow the template's own {@code MLSHIP_*} inputs in
 * later jobs) and metrics.txt for {@code artifacts:reports:metrics}, both in the job's folder.
 */
final class GitLabOutputs implements JobOutputs {
    private final PrintWriter out;
    private final Path dir;

    GitLabOutputs(PrintWriter out, Path dir) {
        this.out = out;
        this.dir = dir;
    }

    @Override
    public void notice(String line) {
        out.println("mlship: note: " + line);
        out.flush();
    }

    @Override
    public void gateFailed(String title, String line) {
        out.println("mlship: " + title + ": " + line);
        out.flush();
    }

    @Override
    public void publish(JobResult result) throws IOException {
        StringBuilder env = new StringBuilder();
        // dotenv values are single lines; the summary and JSON stay in the output folder.
        result.outputs().forEach((k, v) -> {
            if (!k.equals("metrics_json") && v.indexOf('\n') < 0) {
                env.append("MLSHIP_RESULT_").append(k.toUpperCase(Locale.ROOT)).append('=').append(v).append('\n');
            }
        });
        Files.writeString(dir.resolve("mlship.env"), env.toString(), StandardCharsets.UTF_8);
        if (result.report() != null) {
            Files.writeString(dir.resolve("metrics.txt"), OpenMetrics.render(result.report()), StandardCharsets.UTF_8);
        }
    }
}
