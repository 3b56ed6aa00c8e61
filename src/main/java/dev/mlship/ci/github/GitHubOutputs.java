package dev.mlship.ci.github;

import dev.mlship.ci.JobOutputs;
import dev.mlship.ci.JobResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * GitHub Actions' side of a job: workflow commands on stdout ({@code ::add-mask::}, {@code ::notice},
 * {@code ::error}), outputs appended to {@code $GITHUB_OUTPUT}, the summary to {@code $GITHUB_STEP_SUMMARY}.
 */
final class GitHubOutputs implements JobOutputs {
    private final PrintWriter out;
    private final Map<String, String> env;

    GitHubOutputs(PrintWriter out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Override
    public void mask(String secret) {
        if (secret != null && !secret.isBlank()) {
            out.println("::add-mask::" + data(secret));
            out.flush();
        }
    }

    @Override
    public void notice(String line) {
        out.println("::notice title=mlship::" + data(line));
        out.flush();
    }

    @Override
    public void gateFailed(String title, String line) {
        out.println("::error title=" + property(title) + "::" + data(line));
        out.flush();
    }

    @Override
    public void publish(JobResult result) throws IOException {
        String outputs = env.get("GITHUB_OUTPUT");
        if (outputs != null && !outputs.isBlank()) {
            StringBuilder sb = new StringBuilder();
            result.outputs().forEach((k, v) -> sb.append(output(k, v)));
            append(Path.of(outputs), sb.toString());
        }
        String summary = env.get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank() && result.summary() != null) {
            append(Path.of(summary), result.summary() + "\n");
        }
    }

    /** {@code name=value}, or GitHub's heredoc form for a value with line breaks. */
    static String output(String name, String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return name + "=" + value + "\n";
        }
        String delimiter = "mlship_" + UUID.randomUUID();
        return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
    }

    /** Escapes a workflow command's message, as GitHub's toolkit does. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
