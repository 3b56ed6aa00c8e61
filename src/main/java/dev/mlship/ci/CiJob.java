package dev.mlship.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.ExitCode;
import dev.mlship.config.ConfigException;
import dev.mlship.config.MetricName;
import dev.mlship.config.PipelineSpec;
import dev.mlship.config.Settings;
import dev.mlship.config.SpecLoader;
import dev.mlship.ci.github.GitHubActions;
import dev.mlship.ci.gitlab.GitLabCi;
import dev.mlship.evaluate.GateResult;
import dev.mlship.image.ImageLabels;
import dev.mlship.image.Manifest;
import dev.mlship.image.Promotion;
import dev.mlship.image.Registries;
import dev.mlship.image.RegistryRetry;
import dev.mlship.image.TagMover;
import dev.mlship.pipeline.PipelineRunner;
import dev.mlship.pipeline.RunOptions;
import dev.mlship.pipeline.StageLog;
import dev.mlship.report.Json;
import dev.mlship.report.ReviewComment;
import dev.mlship.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * `mlship ci`: what the GitHub Action and the GitLab template run. Reads the CI's environment, picks the
 * mode from the event (a review evaluates against production and comments; a push to the default branch
 * promotes the image its merged review built; anything else runs without pushing), and reports through
 * the CI's own channels. The core pipeline never knows which CI it runs in.
 */
public final class CiJob {
    private final Map<String, String> env;
    private final PrintWriter out;
    private final RetrySettings retry;

    public CiJob(Map<String, String> env, PrintWriter out, RetrySettings retry) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.retry = retry;
    }

    /** What one job does, decided from the mode and the event. */
    private record Plan(boolean push, boolean comment, boolean promote) {}

    /** @param modeOption the --mode option, which wins over the mode input; null when not given */
    public int run(Mode modeOption) {
        CiInputs inputs = CiInputs.from(env);
        Path workdir = inputs.workingDirectory() == null ? Path.of("") : Path.of(inputs.workingDirectory());
        Forge forge = forge(inputs);
        JobOutputs outputs = forge.outputs();
        outputs.mask(inputs.registryPassword());
        outputs.mask(inputs.githubToken());
        outputs.mask(inputs.gitlabToken());

        Path config = workdir.resolve(inputs.config() == null ? "." : inputs.config()).normalize();
        Settings settings = overridden(SpecLoader.load(config), inputs, forge);
        CiEvent event = forge.event();
        Mode mode = modeOption != null && modeOption != Mode.AUTO ? modeOption : inputs.mode();
        Map<String, String> runEnv = runEnv(inputs);
        Path outDir = workdir.resolve("mlship-out").normalize();
        out.println("mlship ci: " + forge.name() + ", " + describe(event) + ", mode " + mode.id());
        out.flush();

        boolean writable = event.readOnly() == null;
        return switch (mode) {
            case EVALUATE -> evaluate(settings, forge, inputs, runEnv, outDir, new Plan(writable, writable, false));
            case RUN -> evaluate(settings, forge, inputs, runEnv, outDir, new Plan(writable, writable, writable));
            case PROMOTE -> promote(settings, forge, inputs, runEnv, outDir);
            case AUTO -> switch (event.kind()) {
                case REVIEW -> evaluate(settings, forge, inputs, runEnv, outDir, new Plan(writable, writable, false));
                case DEFAULT_BRANCH -> promote(settings, forge, inputs, runEnv, outDir);
                case OTHER -> evaluate(settings, forge, inputs, runEnv, outDir, new Plan(false, false, false));
            };
        };
    }

    private Forge forge(CiInputs inputs) {
        if (GitHubActions.detect(env)) {
            return new GitHubActions(env, inputs, out, retry);
        }
        if (GitLabCi.detect(env)) {
            return new GitLabCi(env, inputs, out, retry);
        }
        return new PlainCi(out);
    }

    /** The pipeline on this commit, then outputs, summary, annotations, the comment and (planned) promotion. */
    private int evaluate(Settings settings, Forge forge, CiInputs inputs, Map<String, String> runEnv, Path outDir, Plan plan) {
        CiEvent event = forge.event();
        JobOutputs outputs = forge.outputs();
        boolean registry = settings.spec().packaging() != null && settings.spec().packaging().image() != null;
        if (event.readOnly() != null) {
            outputs.notice(event.readOnly() + ": the image is built as " + outDir.resolve("image.tar")
                    + " instead of pushed, and no comment is written (its token is read-only and it gets no secrets);"
                    + " the quality gates alone decide this job");
        }
        var log = StageLog.forEnvironment(out, env);
        var options = new RunOptions(outDir, null, event.candidateCommit(), plan.push(), event.readOnly() != null);
        PipelineRunner.Result result = new PipelineRunner(log, runEnv).run(settings, options);
        RunReport report = result.report();

        String body = ReviewComment.render(report,
                new ReviewComment.Image(result.image().reference(), result.image().digest(), result.pushed()));
        for (GateResult g : report.gates()) {
            if (!g.passed()) {
                outputs.gateFailed("Quality gate failed: " + g.name(), g.name() + " " + g.rule() + " "
                        + g.threshold() + " failed with " + format(g.value()) + " (" + report.name() + ")");
            }
        }
        publish(outputs, new JobResult(result.image().reference(), result.image().digest(), report.gatesPassed(),
                report.primary().id(), report.test().get(report.primary()), metricsJson(report),
                outDir.resolve("report.md").toString(), body, report));

        if (plan.comment() && inputs.comment()) {
            comment(forge, report.name(), body);
        }
        if (!report.gatesPassed()) {
            out.println("mlship: a quality gate failed (see " + outDir.resolve("report.md") + ")"
                    + (plan.promote() ? "; nothing is promoted" : ""));
            return inputs.failOnGate() ? ExitCode.GATE_FAILED.code() : ExitCode.OK.code();
        }
        if (plan.promote() && registry && result.pushed()) {
            String tag = result.image().reference().replaceFirst(".*:", "");
            Promotion p = Registries.tagMover(settings.spec().packaging(), runEnv, out::println).promote(tag, settings.spec().productionTag(),
                    false);
            out.println("promoted " + p.describe());
        } else if (plan.promote()) {
            outputs.notice("nothing promoted: " + (registry ? "the image was not pushed" : "package.image is not set"));
        }
        return ExitCode.OK.code();
    }

    /**
     * A push to the default branch: promote the very image the merged review's job pushed
     * ({@code sha-<head>}). With no such review or image (a direct push, a fork's review), run the
     * pipeline on this commit, gate it, and promote what it built.
     */
    private int promote(Settings settings, Forge forge, CiInputs inputs, Map<String, String> runEnv, Path outDir) {
        String commit = forge.event().candidateCommit();
        if (settings.spec().packaging() == null || settings.spec().packaging().image() == null) {
            throw new ConfigException(settings.where("package.image") + ": promotion moves a tag in a registry; set"
                    + " package.image (or the image input) to the repository the candidates are pushed to");
        }
        Registries.Repository repo = Registries.open(settings.spec().packaging(), runEnv, RegistryRetry.from(runEnv),
                out::println);
        Optional<String> head = commit == null ? Optional.empty() : forge.mergedRequestHead(commit);
        if (head.isPresent()) {
            String tag = "sha-" + head.get();
            Optional<Manifest> candidate = repo.client().manifest(repo.repository(), tag);
            if (candidate.isPresent()) {
                out.println("commit " + commit + " merged the review whose head is " + head.get() + "; promoting "
                        + repo.reference(tag) + " " + candidate.get().digest());
                Promotion p = new TagMover(repo.client(), repo.repository(), out::println).promote(tag, settings.spec().productionTag(), false);
                out.println("promoted " + p.describe());
                Map<String, String> labels = repo.client().labels(repo.repository(), candidate.get());
                publish(forge.outputs(), promoted(repo.reference(tag), p.after(), labels));
                return ExitCode.OK.code();
            }
            out.println("no image " + repo.reference(tag) + " (its review's job did not push one, as for a fork);"
                    + " evaluating this commit instead");
        } else {
            out.println("commit " + commit + " merged no review that mlship can find (a direct push, or no API token);"
                    + " evaluating this commit instead");
        }
        return evaluate(settings, forge, inputs, runEnv, outDir, new Plan(true, false, true));
    }

    private static JobResult promoted(String reference, String digest, Map<String, String> labels) {
        String primary = labels.get("dev.mlship.primary");
        String metrics = labels.get(ImageLabels.METRICS);
        Double value = null;
        try {
            JsonNode m = metrics == null ? null : Json.mapper().readTree(metrics);
            value = m != null && primary != null && m.path(primary).isNumber() ? m.path(primary).asDouble() : null;
        } catch (IOException e) {
            // unreadable label: the output is left out
        }
        String gates = labels.get(ImageLabels.GATES);
        return new JobResult(reference, digest, gates == null ? null : "passed".equals(gates), primary, value, metrics, null,
                "### mlship — promoted\n\n`" + reference + "` (" + digest + ") is now in production.\n", null);
    }

    private void comment(Forge forge, String name, String body) {
        JobOutputs outputs = forge.outputs();
        Optional<ReviewThread> thread = forge.reviewThread(outputs::notice);
        if (thread.isEmpty()) {
            return;
        }
        try {
            StickyComment.Outcome outcome = StickyComment.upsert(thread.get(), ReviewComment.marker(name), body);
            out.println(outcome == StickyComment.Outcome.CREATED ? "commented on the review" : "updated the review comment");
        } catch (ForbiddenException e) {
            outputs.notice("the comment was skipped: " + e.getMessage()
                    + " (on GitHub give the job `permissions: pull-requests: write`)");
        }
    }

    private static void publish(JobOutputs outputs, JobResult result) {
        try {
            outputs.publish(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inputs applied over the config: package.image (or the CI's own registry) and promote.tag. */
    private static Settings overridden(Settings settings, CiInputs inputs, Forge forge) {
        PipelineSpec spec = settings.spec();
        if (inputs.image() != null) {
            spec = spec.withImage(inputs.image());
        } else if (spec.packaging() == null || spec.packaging().image() == null) {
            spec = forge.defaultImage(spec.name()).map(spec::withImage).orElse(spec);
        }
        if (inputs.productionTag() != null) {
            spec = spec.withProductionTag(inputs.productionTag());
        }
        return new Settings(settings.configFile(), spec, settings.locations());
    }

    /** The environment the pipeline sees: the job's, plus registry credentials and token from the inputs. */
    private Map<String, String> runEnv(CiInputs inputs) {
        Map<String, String> out = new HashMap<>(env);
        if (inputs.registryUsername() != null && inputs.registryPassword() != null) {
            out.put("MLSHIP_REGISTRY_USERNAME", inputs.registryUsername());
            out.put("MLSHIP_REGISTRY_PASSWORD", inputs.registryPassword());
        }
        if (inputs.githubToken() != null) {
            out.put("GITHUB_TOKEN", inputs.githubToken());
        }
        return out;
    }

    private static String metricsJson(RunReport report) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (MetricName m : report.metrics()) {
            values.put(m.id(), report.test().get(m));
        }
        return new String(Json.compact(values), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String describe(CiEvent e) {
        return switch (e.kind()) {
            case REVIEW -> "review #" + e.request() + " at " + e.candidateCommit() + (e.readOnly() != null ? " (read-only)" : "");
            case DEFAULT_BRANCH -> "push to the default branch at " + e.candidateCommit();
            case OTHER -> "no review or default-branch push";
        };
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
